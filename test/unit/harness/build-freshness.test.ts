import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertFreshBuild, staleBuildFiles } from '../../e2e/support/build-freshness.js';

let root: string;
const OLD = new Date('2030-01-01T00:00:00Z');
const NEW = new Date('2030-01-02T00:00:00Z');

function file(path: string, at: Date): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, at, at);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'infra-bot-freshness-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the e2e build check › lib/ against src/', () => {
  it('a build newer than every source › nothing is stale and the check passes', () => {
    file('src/main.ts', OLD);
    file('src/app/in-process.ts', OLD);
    file('src/review/cost/prices.json', OLD);
    file('src/types.d.ts', NEW);
    file('lib/main.js', NEW);
    file('lib/app/in-process.js', NEW);
    file('lib/review/cost/prices.json', NEW);
    expect(staleBuildFiles(root)).toEqual([]);
    expect(() => assertFreshBuild(root)).not.toThrow();
  });

  it('a source edited after the build, a new source, a JSON file not copied › each is named', () => {
    file('lib/main.js', OLD);
    file('src/main.ts', NEW);
    file('src/app/in-process.ts', OLD);
    file('src/review/cost/prices.json', OLD);
    expect(staleBuildFiles(root)).toEqual([
      'lib/app/in-process.js is missing (src/app/in-process.ts has no build)',
      'lib/main.js is older than src/main.ts',
      'lib/review/cost/prices.json is missing (src/review/cost/prices.json has no build)',
    ]);
  });

  it('a stale build › the error names the files and says how to rebuild, at most ten of them', () => {
    for (let index = 0; index < 12; index += 1) file(`src/file-${String(index).padStart(2, '0')}.ts`, NEW);
    let message = '';
    try {
      assertFreshBuild(root);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('not the build of src/ (12 files)');
    expect(message).toContain('lib/file-00.js is missing');
    expect(message).not.toContain('lib/file-10.js');
    expect(message).toContain('… and 2 more');
    expect(message).toContain('npm run build');
  });
});
