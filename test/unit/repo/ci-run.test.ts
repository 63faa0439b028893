// .ci/run with stand-ins for every tool it calls (PostgreSQL's clients, npm, git, both nodes; no docker): the Node
// 24 pass runs even when the first failed, the summary names each result, and the exit code is non-zero if any
// pass failed. The real script is copied into a scratch checkout, so its own `cd` lands there.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from './repo-files.js';

let checkout: string;
let stubs: string;
beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'ci-run-'));
  stubs = join(checkout, 'stubs');
  mkdirSync(join(checkout, '.ci'));
  copyFileSync(join(REPO_ROOT, '.ci', 'run'), join(checkout, '.ci', 'run'));
  const script = (path: string, body: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(path, 0o755);
  };
  script(join(stubs, 'pg_isready'), 'exit 0');
  script(join(stubs, 'psql'), 'echo 1');
  script(join(stubs, 'git'), 'exit 0');
  script(join(stubs, 'node'), 'echo v20.0.0');
  script(join(checkout, '.node24', 'bin', 'node'), 'echo v24.21.0');
  // npm test fails on the Node versions listed in $FAIL_ON; every call is logged with the node that ran it.
  script(
    join(stubs, 'npm'),
    [
      'echo "$(node --version) $*" >> "$NPM_LOG"',
      'if [ "$1" = test ] && [[ " $FAIL_ON " == *" $(node --version) "* ]]; then exit 3; fi',
      'exit 0',
    ].join('\n'),
  );
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

function ciRun(failOn: string) {
  const npmLog = join(checkout, 'npm.log');
  const run = spawnSync('bash', [join(checkout, '.ci', 'run')], {
    encoding: 'utf8',
    // /usr/local/bin (where this machine's docker is) is left out: the docker step is skipped.
    env: { PATH: `${stubs}:/usr/bin:/bin`, HOME: checkout, NPM_LOG: npmLog, FAIL_ON: failOn },
  });
  const summary = run.stdout.slice(run.stdout.lastIndexOf('== summary') + '== summary'.length).trim();
  return { status: run.status, summary: summary.split('\n'), npm: readFileSync(npmLog, 'utf8').trim().split('\n') };
}

describe('.ci/run', () => {
  it('first pass fails › the Node 24 pass still runs; both reported; exit non-zero', () => {
    const run = ciRun('v20.0.0');
    expect(run.npm).toEqual(['v20.0.0 ci --no-audit --no-fund', 'v20.0.0 test', 'v24.21.0 test']);
    expect(run.summary).toEqual(['Node v20.0.0: FAILED (exit 3)', 'Node v24.21.0: passed']);
    expect(run.status).toBe(1);
  });

  it('only the Node 24 pass fails › exit non-zero', () => {
    const run = ciRun('v24.21.0');
    expect(run.summary).toEqual(['Node v20.0.0: passed', 'Node v24.21.0: FAILED (exit 3)']);
    expect(run.status).toBe(1);
  });

  it('both pass › exit 0', () => {
    const run = ciRun('');
    expect(run.summary).toEqual(['Node v20.0.0: passed', 'Node v24.21.0: passed']);
    expect(run.status).toBe(0);
  });
});
