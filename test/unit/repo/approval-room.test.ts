// The approval policy is a room of its own: the apply gate reads it as much as Slack does, so it must not depend on
// Slack (or any client). Slack renders its refusals; the policy only says which refusal and with what facts.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repo-files.js';

const ROOM = join(REPO_ROOT, 'src', 'approval');

describe('src/approval', () => {
  it('imports only pure rooms: no Slack, no GitHub, no store implementation, no workflow', () => {
    const files = readdirSync(ROOM).filter((name) => name.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['approval-rules.ts', 'approval-value.ts']));
    const imports = files.flatMap((name) =>
      [...readFileSync(join(ROOM, name), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${name}: ${m[1]}`),
    );
    expect(imports.filter((line) => /'?\.\.\/(?:slack|github|workflow|jobs|store\/sql)\b/.test(line))).toEqual([]);
    expect(imports.length).toBeGreaterThan(0);
  });
});
