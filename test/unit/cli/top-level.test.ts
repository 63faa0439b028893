import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../../src/cli.js';
import type { CliIo } from '../../../src/cli/io.js';
import { plural } from '../../../src/cli/plural.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const GROUP = 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team\nspec:\n  description: Team\n';

let workspace: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-top-'));
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: workspace,
    env: {},
    now: () => new Date('2026-11-21T12:00:00Z'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { io, out, err };
}

describe('infra-bot top level', () => {
  it('--version › prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = capture();
    expect(await runCli(['--version'], run.io)).toBe(0);
    expect(run.out).toEqual([version]);
  });

  it('--help › lists every command and the top-level flags, exit 0; no command at all is a usage error', async () => {
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out[0]).toContain('infra-bot --help | --version');
    for (const command of ['validate', 'synth', 'plan', 'apply', 'access-review', 'import'])
      expect(help.out[0]).toContain(`  ${command} `);
    expect(await runCli([], capture().io)).toBe(2);
  });

  it('validate › one spec is "1 spec valid", not "1 specs valid"', async () => {
    fs.mkdirSync(path.join(workspace, 'infra-specs'));
    fs.writeFileSync(path.join(workspace, 'infra-specs', 'team.yaml'), GROUP);
    const run = capture();
    expect(await runCli(['validate'], run.io)).toBe(0);
    expect(run.err).toEqual(['1 spec valid']);
  });

  it('plural › singular only for exactly one', () => {
    expect([0, 1, 2].map((n) => plural(n, 'stack'))).toEqual(['0 stacks', '1 stack', '2 stacks']);
    expect(plural(1, 'policy', 'policies')).toBe('1 policy');
    expect(plural(3, 'policy', 'policies')).toBe('3 policies');
  });
});
