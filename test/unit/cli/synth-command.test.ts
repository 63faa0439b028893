import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../../src/cli.js';
import type { CliIo } from '../../../src/cli/io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const CONFIG = `specsDir: infra-specs
defaults: { region: us-east-1, instanceType: t3.micro }
terraform: { stateBucket: acme-tfstate, stateRegion: us-east-1, stateKeyPrefix: infra-bot }
s3: { namePrefix: acme }
`;
const SPECS: Record<string, string> = {
  'groups/team.yaml':
    'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team\nspec:\n  description: Team\n',
  'people/bruce.yaml':
    'apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata:\n  name: bruce\nspec:\n  email: bruce@demoac.com\n  firstName: Bruce\n  lastName: Lee\n  groups: [team]\n',
  'compute/box.yaml':
    'apiVersion: infra-bot/v1\nkind: Ec2Instance\nmetadata:\n  name: box\n  ttl: 2h\nspec:\n  image: ubuntu-24.04\n',
  'data/logs.yaml': 'apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: logs\nspec:\n  versioning: true\n',
};

let workspace: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-synth-'));
  fs.mkdirSync(path.join(workspace, '.github'));
  fs.writeFileSync(path.join(workspace, '.github', 'infra.yml'), CONFIG);
  for (const [file, text] of Object.entries(SPECS)) {
    fs.mkdirSync(path.dirname(path.join(workspace, 'infra-specs', file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'infra-specs', file), text);
  }
});
afterEach(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
});

const io = (out: string[], err: string[]): CliIo => ({
  cwd: workspace,
  env: {},
  now: () => new Date('2026-11-21T12:00:00Z'),
  out: (line) => out.push(line),
  err: (line) => err.push(line),
});

/** Every output file, by path relative to the output directory. */
function outputFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

describe('infra-bot synth', () => {
  it('plain specs › one stack per instance and bucket plus identity; a second run rewrites the same bytes', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runCli(['synth', '--repo', 'acme/infra'], io(out, err))).toBe(0);
    expect(out.map((line) => line.split(/\s+/)[0])).toEqual(['identity', 'ec2-box', 's3-logs']);
    const first = outputFiles(path.join(workspace, 'cdktf.out'));
    expect(Object.keys(first).sort()).toEqual([
      'manifest.json',
      'stacks/ec2-box/cdk.tf.json',
      'stacks/identity/cdk.tf.json',
      'stacks/s3-logs/cdk.tf.json',
    ]);
    expect(await runCli(['synth', '--repo', 'acme/infra'], io([], []))).toBe(0);
    expect(outputFiles(path.join(workspace, 'cdktf.out'))).toEqual(first);
  });

  it('the built CLI › writes what the library writes, loading neither yaml nor what these specs do not need', async () => {
    const loaded = path.join(workspace, 'loaded.json');
    // Records the CommonJS modules the process loaded (yaml and cdktf's dependencies are CommonJS).
    const recorder = path.join(workspace, 'record-modules.cjs');
    fs.writeFileSync(
      recorder,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        recorder,
        path.join(repoRoot, 'bin', 'infra-bot.js'),
        'synth',
        '--repo',
        'acme/infra',
        '--out',
        'built',
      ],
      { cwd: workspace, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(run.stderr).toBe(
      'repository acme/infra (from --repo) is used for the state key\n3 stacks written to built/stacks\n',
    );
    expect(run.status).toBe(0);
    expect(await runCli(['synth', '--repo', 'acme/infra'], io([], []))).toBe(0);
    expect(outputFiles(path.join(workspace, 'built'))).toEqual(outputFiles(path.join(workspace, 'cdktf.out')));
    const modules = JSON.parse(fs.readFileSync(loaded, 'utf8')) as string[];
    expect(modules.some((file) => file.includes(`${path.sep}cdktf${path.sep}lib${path.sep}`))).toBe(true);
    // yaml: plain specs take the subset reader; semver, archiver, json-stable-stringify: only `app.synth()` uses
    // them; the IAM and SAML provider modules: there is no IamSsoRole spec here.
    const unexpected = modules.filter(
      (file) =>
        /node_modules[\\/](yaml|semver[\\/](classes|functions|ranges)|archiver[\\/]lib|jsonify|call-bind)[\\/]/.test(
          file,
        ) || /lib[\\/](iam-role|iam-saml-provider|app-saml)[\\/]/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('without --repo › names the repository taken from the origin remote (credentials hidden) before writing', async () => {
    spawnSync('git', ['init', '-q'], { cwd: workspace });
    spawnSync('git', ['remote', 'add', 'origin', 'https://bot:secret-token@github.com/acme/platform.git'], {
      cwd: workspace,
    });
    const err: string[] = [];
    expect(await runCli(['synth'], io([], err))).toBe(0);
    expect(err[0]).toBe(
      'repository acme/platform (from the origin remote (https://github.com/acme/platform.git)) is used for the state key',
    );
    expect(err.join('\n')).not.toContain('secret-token');
  });

  it('$GITHUB_REPOSITORY › is the source named when there is no --repo', async () => {
    const err: string[] = [];
    const withEnv = { ...io([], err), env: { GITHUB_REPOSITORY: 'acme/from-env' } };
    expect(await runCli(['synth', '--stack', 'identity'], withEnv)).toBe(0);
    expect(err).toEqual([
      'repository acme/from-env (from $GITHUB_REPOSITORY) is used for the state key',
      '1 stack written to cdktf.out/stacks',
    ]);
  });
});
