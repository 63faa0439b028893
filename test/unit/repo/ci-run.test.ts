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

/** A docker stand-in on its own PATH entry: `info` answers or not, `build` passes or not. */
function dockerStub(info: 'answers' | 'no daemon', build: 'passes' | 'fails'): string {
  const dir = join(checkout, 'docker-stub');
  mkdirSync(dir, { recursive: true });
  const infoLine =
    info === 'answers'
      ? 'echo 28.2.2; exit 0'
      : 'echo; echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1';
  writeFileSync(
    join(dir, 'docker'),
    [
      '#!/usr/bin/env bash',
      'echo "docker $*" >> "$NPM_LOG"',
      `if [ "$1" = info ]; then ${infoLine}; fi`,
      `if [ "$1" = build ]; then exit ${build === 'passes' ? 0 : 1}; fi`,
      'exit 0',
    ].join('\n') + '\n',
  );
  chmodSync(join(dir, 'docker'), 0o755);
  return dir;
}

function ciRun(failOn: string, dockerDir?: string) {
  const npmLog = join(checkout, 'npm.log');
  // /usr/local/bin (where this machine's docker client is) is left out: docker is only what dockerDir holds.
  const path = [stubs, ...(dockerDir === undefined ? [] : [dockerDir]), '/usr/bin', '/bin'].join(':');
  const run = spawnSync('bash', [join(checkout, '.ci', 'run')], {
    encoding: 'utf8',
    env: { PATH: path, HOME: checkout, NPM_LOG: npmLog, FAIL_ON: failOn },
  });
  const summary = run.stdout.slice(run.stdout.lastIndexOf('== summary') + '== summary'.length).trim();
  return { status: run.status, summary: summary.split('\n'), npm: readFileSync(npmLog, 'utf8').trim().split('\n') };
}

describe('.ci/run', () => {
  it('first pass fails › the Node 24 pass still runs; both reported; exit non-zero', () => {
    const run = ciRun('v20.0.0');
    expect(run.npm).toEqual(['v20.0.0 ci --no-audit --no-fund', 'v20.0.0 test', 'v24.21.0 test']);
    expect(run.summary).toEqual([
      'Node v20.0.0: FAILED (exit 3)',
      'docker build: skipped (no docker client)',
      'Node v24.21.0: passed',
    ]);
    expect(run.status).toBe(1);
  });

  it('only the Node 24 pass fails › exit non-zero', () => {
    const run = ciRun('v24.21.0');
    expect(run.summary).toEqual([
      'Node v20.0.0: passed',
      'docker build: skipped (no docker client)',
      'Node v24.21.0: FAILED (exit 3)',
    ]);
    expect(run.status).toBe(1);
  });

  it('both pass › exit 0', () => {
    const run = ciRun('');
    expect(run.summary).toEqual([
      'Node v20.0.0: passed',
      'docker build: skipped (no docker client)',
      'Node v24.21.0: passed',
    ]);
    expect(run.status).toBe(0);
  });

  it('a docker client with no daemon › the build is skipped with the reason, never attempted; exit 0', () => {
    const run = ciRun('', dockerStub('no daemon', 'fails'));
    expect(run.npm).not.toContain('docker build --tag infra-bot:ci-smoke .');
    expect(run.summary[1]).toBe(
      'docker build: skipped (no Docker daemon answers: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)',
    );
    expect(run.status).toBe(0);
  });

  it('a daemon answers and the build fails › FAILED, exit non-zero; the Node 24 pass still runs', () => {
    const run = ciRun('', dockerStub('answers', 'fails'));
    expect(run.npm).toContain('docker build --tag infra-bot:ci-smoke .');
    expect(run.summary).toEqual(['Node v20.0.0: passed', 'docker build: FAILED', 'Node v24.21.0: passed']);
    expect(run.status).toBe(1);
  });

  it('a daemon answers and the build passes › passed', () => {
    const run = ciRun('', dockerStub('answers', 'passes'));
    expect(run.summary[1]).toBe('docker build: passed');
    expect(run.status).toBe(0);
  });
});
