// Every environment variable src reads must be known to the env schema (so a malformed value stops start-up with
// its name) and documented in the README's Environment section. A new `process.env.X` / `env.X` read fails here.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AWS_ENDPOINT_URL_NAME, ENV_VARIABLE_NAMES } from '../../../src/config/env.js';
import { REPO_ROOT, repoFile } from './repo-files.js';

/** Read by the operating system or the shell, passed to terraform as they are: documented, not parsed. */
const SYSTEM = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL'];
/** Read by the command-line tool only (src/cli/**), never by the server: documented, not in the server schema. */
const CLI_ONLY_DIR = 'src/cli/';

/**
 * `process.env.X`, `env.X`, `rawEnv.X`, `raw.X`, `appEnv.X` when read (not assigned or deleted). Names are upper
 * case (`raw.Effect` of an IAM statement is not one).
 */
const READ = /(?<!delete )\b(?:process\.env|env|rawEnv|raw|appEnv)\.([A-Z][A-Z0-9_]*)\b(?!\s*=(?!=))/g;
/** Allowlists of names read by loop (`raw[name]`): `const PASS_THROUGH = [...]`, `const AMBIENT_AWS = [...]`. */
const NAME_LIST = /const (?:PASS_THROUGH|AMBIENT_AWS) = \[([^\]]*)\]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

interface Read {
  name: string;
  file: string;
}

function readsIn(file: string): Read[] {
  const text = repoFile(file);
  const direct = [...text.matchAll(READ)].map((m) => m[1] as string);
  const listed = [...text.matchAll(NAME_LIST)].flatMap((m) =>
    [...(m[1] as string).matchAll(/'([A-Za-z][A-Za-z0-9_]*)'/g)].map((n) => n[1] as string),
  );
  return [...direct, ...listed].map((name) => ({ name, file }));
}

const reads = sourceFiles('src').flatMap((file) => readsIn(relative(REPO_ROOT, join(REPO_ROOT, file))));
const readme = repoFile('README.md');
const documented = (name: string) => readme.includes(`\`${name}\``);

describe('environment variables read by src', () => {
  it('the scan › finds the reads it must (sanity: a broken pattern would pass everything)', () => {
    const names = new Set(reads.map((r) => r.name));
    for (const name of [
      'APP_ID',
      'INFRA_BOT_SQLITE_DRIVER',
      'AWS_REGION',
      'AWS_PROFILE',
      'TF_ENCRYPTION',
      'LOG_FORMAT',
    ])
      expect(names).toContain(name);
    expect(names).not.toContain('TF_IN_AUTOMATION'); // written for the child, not read
  });

  it('server variables › each is parsed by the env schema', () => {
    const unknown = reads
      .filter((r) => !r.file.startsWith(CLI_ONLY_DIR) && !SYSTEM.includes(r.name))
      .filter((r) => !ENV_VARIABLE_NAMES.includes(r.name) && !AWS_ENDPOINT_URL_NAME.test(r.name))
      .map((r) => `${r.file}: ${r.name}`);
    expect(unknown).toEqual([]);
  });

  it('every variable › documented in README.md as `NAME`', () => {
    const undocumented = [...new Set(reads.map((r) => r.name))].filter(
      (name) => !documented(name) && !(AWS_ENDPOINT_URL_NAME.test(name) && documented('AWS_ENDPOINT_URL')),
    );
    expect(undocumented).toEqual([]);
  });

  it('the schema › every variable it parses is documented too', () => {
    expect(ENV_VARIABLE_NAMES.filter((name) => !documented(name))).toEqual([]);
  });
});
