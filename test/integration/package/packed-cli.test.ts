// The Actions workflow installs infra-bot with `npm install --global <package>`, which installs what `npm pack`
// produces. This test packs a fresh copy of the checkout (no lib/, as a clone has none), so the tarball holds only
// what `prepack` builds and `files` lets in, then runs the packed bin.
//
// Why not `npm install <tgz>`: it needs the registry for the dependencies, and this test must not use the network.
// Instead the unpacked package gets a `node_modules` symlink to this checkout's dependencies. That still proves the
// point: every import of our own code is a relative path, resolved inside the unpacked package (which is not the
// checkout), so a module missing from the tarball fails here with ERR_MODULE_NOT_FOUND exactly as it would after a
// real install; only bare specifiers (zod, cdktf …) reach the symlinked dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const GROUP = 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team\nspec:\n  description: Team\n';

let temp: string;
let packageDir: string;
let packedFiles: string[];

beforeAll(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-cli-'));
  const clone = path.join(temp, 'clone');
  // Tracked and new (not ignored) files: what a clone of this working tree would hold; lib/ is ignored.
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    fs.copyFileSync(from, path.join(clone, file));
  }
  expect(fs.existsSync(path.join(clone, 'lib'))).toBe(false);
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
  const packs = path.join(temp, 'packs');
  fs.mkdirSync(packs);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packs], {
    cwd: clone,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_offline: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [tarball] = fs.readdirSync(packs).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  const unpacked = path.join(temp, 'unpacked');
  fs.mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', path.join(packs, tarball), '-C', unpacked]);
  packageDir = path.join(unpacked, 'package');
  packedFiles = fs
    .readdirSync(packageDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(packageDir, path.join(entry.parentPath, entry.name)));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(packageDir, 'node_modules'));
}, 240_000);

afterAll(() => {
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
});

const runPacked = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [path.join(packageDir, 'bin', 'infra-bot.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: temp },
  });

describe('the packed CLI', () => {
  it('tarball › holds the built lib/, the bin, the schemas and the README, and no sources or tests', () => {
    for (const file of ['lib/cli.js', 'lib/main.js', 'bin/infra-bot.js', 'package.json', 'README.md'])
      expect(packedFiles).toContain(file);
    expect(packedFiles.some((file) => file.startsWith(`schemas${path.sep}`))).toBe(true);
    expect(packedFiles.filter((file) => /^(src|test|node_modules)[\\/]/.test(file))).toEqual([]);
  });

  it('--version › the packed bin starts and prints the packed version', () => {
    const run = runPacked(['--version'], temp);
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.status).toBe(0);
  });

  it('validate and synth › load every module they need from the tarball (no ERR_MODULE_NOT_FOUND)', () => {
    const workspace = path.join(temp, 'specs-repo');
    fs.mkdirSync(path.join(workspace, 'infra-specs'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'infra-specs', 'team.yaml'), GROUP);
    const validate = runPacked(['validate'], workspace);
    expect(validate.stderr).toBe('1 spec valid\n');
    expect(validate.status).toBe(0);
    const synth = runPacked(['synth', '--repo', 'acme/infra'], workspace);
    expect(synth.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(synth.stderr).toContain('1 stack written to cdktf.out/stacks');
    expect(synth.status).toBe(0);
    expect(fs.existsSync(path.join(workspace, 'cdktf.out', 'stacks', 'identity', 'cdk.tf.json'))).toBe(true);
  });
});
