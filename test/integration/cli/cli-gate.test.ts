import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// Spawns the built CLI (`npm run build` first) as a CI job would and checks what a gate relies on: the exit code and
// the one line that says what is wrong. A typo must never pass.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = path.join(repoRoot, 'bin', 'infra-bot.js');

const GROUP = 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team\nspec:\n  description: Team\n';
const KMS_BUCKET = 'apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: logs\nspec:\n  encryption: aws:kms\n';
// Four problems: a missing field, an unknown field, a bad CIDR, ttl with expiresAt (tomorrow: within policy.maxTtl).
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString();
const FOUR_PROBLEMS =
  `apiVersion: infra-bot/v1\nkind: Ec2Instance\nmetadata:\n  name: box\n  ttl: 2h\n  expiresAt: ${TOMORROW}\n` +
  'spec:\n  instanceTyp: t3.micro\n  ssh: { allowFrom: [10.0.0.0/33] }\n';

let root: string;
const at = (...parts: string[]) => path.join(root, ...parts);
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(at(file)), { recursive: true });
  fs.writeFileSync(at(file), text);
};

function cli(args: string[], cwd = at('repo'), env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: root, NODE_OPTIONS: '', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, firstErr: run.stderr.split('\n')[0] ?? '' };
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-gate-'));
  write('repo/infra-specs/team.yaml', GROUP);
  write('repo/infra-specs/logs.yaml', KMS_BUCKET);
  write('bad/specs/box.yaml', FOUR_PROBLEMS);
  write('repo/users.csv', 'email,firstName,lastName\nada@demoac.com,Ada,Lovelace\n');
  write('config-elsewhere/infra.yml', 'specsDir: nowhere\n');
  fs.mkdirSync(at('empty'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('cli › a gate that never passes on a typo', () => {
  it('validate › the default folder with aws:kms alone (the AWS-managed key) › exit 0', () => {
    const run = cli(['validate']);
    expect(run.stderr).toBe('2 specs valid\n');
    expect(run.status).toBe(0);
  });

  it('validate --dir <absolute path> from another cwd › reads that folder', () => {
    const run = cli(['validate', '--dir', at('repo', 'infra-specs')], at('empty'));
    expect(run.stderr).toBe('2 specs valid\n');
    expect(run.status).toBe(0);
  });

  it.each([
    [['validate', '--dir', 'infra-spec'], 'infra-bot: --dir infra-spec: no such directory'],
    [['validate', '--dir', '/nonexistent/specs'], 'infra-bot: --dir /nonexistent/specs: no such directory'],
    [['validate', '--dir', 'users.csv'], 'infra-bot: --dir users.csv: not a directory'],
    [['validate', '--config', 'infra.yml'], 'infra-bot: --config infra.yml: no such file'],
    [
      ['validate', '--config', '../config-elsewhere/infra.yml'],
      'infra-bot: specsDir nowhere (.github/infra.yml): no such directory',
    ],
    [['synth', '--dir', 'typo'], 'infra-bot: --dir typo: no such directory'],
    [['synth', '--config', 'typo.yml'], 'infra-bot: --config typo.yml: no such file'],
    [['plan', '--stack', 's3-logs', '--dir', 'typo'], 'infra-bot: --dir typo: no such directory'],
    [
      ['plan', '--stack', 's3-logs', '--stack-json', 'x', '--config', 'typo.yml'],
      'infra-bot: --config typo.yml: no such file',
    ],
    [
      ['apply', '--stack', 's3-logs', '--plan', 'p.tfplan', '--out', 'typo'],
      'infra-bot: --out typo: no such directory',
    ],
    [
      ['apply', '--stack', 's3-logs', '--plan', 'p.tfplan', '--config', 'typo.yml', '--out', '.'],
      'infra-bot: --config typo.yml: no such file',
    ],
    [
      ['plan', '--stack', 's3-logs', '--binary', './bin/terraform'],
      'infra-bot: --binary ./bin/terraform: no such file',
    ],
    [
      ['apply', '--stack', 's3-logs', '--plan', 'p.tfplan', '--out', '.', '--binary', './infra-specs'],
      'infra-bot: --binary ./infra-specs: not a file',
    ],
    [['import', 'users.csv', '--dir', 'typo'], 'infra-bot: --dir typo: no such directory'],
    [['import', 'user.csv'], 'infra-bot: user.csv: no such file'],
    [['import', 'users.csv', '--config', 'typo.yml'], 'infra-bot: --config typo.yml: no such file'],
  ])('%j › exit 2, one line naming the path', (args, message) => {
    const run = cli(args);
    expect(run.stderr).toBe(`${message}\n`);
    expect(run.status).toBe(2);
    expect(fs.readdirSync(at('repo')).sort()).toEqual(['infra-specs', 'users.csv']);
  });

  it('access-review --dir typo › exit 2 before Okta is called', () => {
    const env = { OKTA_ORG_URL: 'http://127.0.0.1:9', OKTA_API_TOKEN: 'token' };
    const run = cli(['access-review', '--out', 'r.md', '--dir', 'typo'], at('repo'), env);
    expect(run.stderr).toBe('infra-bot: --dir typo: no such directory\n');
    expect(run.status).toBe(2);
  });

  it('the default folder missing › exit 2 naming it', () => {
    const run = cli(['validate'], at('empty'));
    expect(run.stderr).toBe('infra-bot: --dir infra-specs (the default): no such directory\n');
    expect(run.status).toBe(2);
  });

  it('a folder without specs › exit 1 saying so; --allow-empty › exit 0', () => {
    const empty = cli(['validate', '--dir', at('empty')]);
    expect(empty.stderr).toBe(
      `infra-bot: --dir ${at('empty')}: no spec files (*.yaml, *.yml) in it; pass --allow-empty if that is expected\n`,
    );
    expect(empty.status).toBe(1);
    expect(cli(['synth', '--dir', '../empty']).status).toBe(1);
    const allowed = cli(['validate', '--dir', '../empty', '--allow-empty']);
    expect(allowed.stderr).toBe('0 specs valid\n');
    expect(allowed.status).toBe(0);
  });

  it.each([
    [['validate', '--dri', 'x'], 'infra-bot validate: unknown option --dri'],
    [['validate', '--dir'], 'infra-bot validate: --dir needs a value'],
    [['validate', '--dir='], 'infra-bot validate: --dir needs a value'],
    [['validate', '--dir', '--json'], 'infra-bot validate: --dir needs a value (got the option --json'],
    [['validate', '--json=yes'], 'infra-bot validate: --json takes no value'],
    [['validate', 'infra-specs'], 'infra-bot validate: unexpected argument "infra-specs"'],
    [['synth', '--stack'], 'infra-bot synth: --stack needs a value'],
    [['plan', '--stack', 's3-logs', '--destory'], 'infra-bot plan: unknown option --destory'],
    [['plan'], 'infra-bot plan: --stack is required'],
    [['apply', '--stack', 's3-logs', '--plan'], 'infra-bot apply: --plan needs a value'],
    [['access-review', '--out', 'r.md', '--cvs', 'r.csv'], 'infra-bot access-review: unknown option --cvs'],
    [['import', 'users.csv', '--owner'], 'infra-bot import: --owner needs a value'],
  ])('%j › exit 2 naming the flag, with the usage', (args, message) => {
    const run = cli(args);
    expect(run.firstErr.startsWith(message)).toBe(true);
    expect(run.stderr).toContain(`usage: infra-bot ${args[0]} [options]`);
    expect(run.status).toBe(2);
  });

  it('--help on a command › its usage, exit 0', () => {
    const run = cli(['synth', '--help']);
    expect(run.stdout).toMatch(/^usage: infra-bot synth \[options\]\n {2}synth \[--dir infra-specs\]/);
    expect(run.stdout).toContain('--allow-empty');
    expect(run.status).toBe(0);
  });

  it('the four-problem spec › all four reported with file:line:column, exit 1', () => {
    const run = cli(['validate', '--dir', '../bad/specs']);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      '../bad/specs/box.yaml:6:3: metadata.ttl and metadata.expiresAt are both set: use one of them',
      '../bad/specs/box.yaml:7:1: spec.image is required',
      '../bad/specs/box.yaml:8:3: unknown field "spec.instanceTyp"; did you mean "instanceType"?',
      '../bad/specs/box.yaml:9:22: spec.ssh.allowFrom: "10.0.0.0/33" is not a CIDR block (e.g. 203.0.113.4/32 or 2001:db8::/64)',
    ]);
    expect(run.stderr).toBe('4 problems found\n');
    expect(run.status).toBe(1);
  });
});
