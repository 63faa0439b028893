// How the built server starts, as an operator meets it: set-up mode in the image's layout, and one-line start-up
// errors (exit 1, one line on stderr, no stack trace) for a bad key and a database that does not answer.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appKey, freePort, repoRoot, waitFor, WEBHOOK_SECRET } from './support/app-process.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'infra-bot-startup-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const baseEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: root,
  LOG_FORMAT: 'json',
  HOST: '127.0.0.1',
});

/** Runs lib/main.js to its exit (it must exit: every case here is a start-up failure). */
function startFailing(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(repoRoot, 'lib', 'main.js')], {
    cwd: root,
    env: { ...baseEnv(), DATA_DIR: join(root, 'data'), PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  // Node's own warnings (the AWS SDK's Node 20 notice) are not ours; everything else on stderr is.
  const lines = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter(
      (line) =>
        !/Warning|AWS SDK|node >=22|upgrade to node|a\.co\/|trace-warnings|^versions published|^will require|^To continue|^and security|^More information/.test(
          line,
        ),
    );
  return { status: run.status, lines };
}

describe('start-up errors', () => {
  const app = { APP_ID: '12345', WEBHOOK_SECRET };

  it('PRIVATE_KEY that is not a key › exit 1, one line naming it', () => {
    const run = startFailing({ ...app, PRIVATE_KEY: 'not-a-key' });
    expect(run.status).toBe(1);
    expect(run.lines).toEqual(['infra-bot: PRIVATE_KEY is not a PEM private key (-----BEGIN … PRIVATE KEY-----)']);
  });

  it('PRIVATE_KEY with PEM armour but no key inside › exit 1 before the server starts', () => {
    const run = startFailing({
      ...app,
      PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----',
    });
    expect(run.status).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatch(/^infra-bot: PRIVATE_KEY is not a valid private key/);
  });

  it('DATABASE_URL at 127.0.0.1:1 › exit 1, one line naming where PostgreSQL was not found', () => {
    const run = startFailing({
      ...app,
      PRIVATE_KEY: appKey.cached(),
      DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/db',
    });
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      'infra-bot: cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED): check DATABASE_URL and that it is running',
    ]);
  });

  it('INFRA_BOT_REPLICAS=3 without DATABASE_URL › exit 1, one line', () => {
    const run = startFailing({ ...app, PRIVATE_KEY: appKey.cached(), INFRA_BOT_REPLICAS: '3' });
    expect(run.status).toBe(1);
    expect(run.lines).toEqual([
      'infra-bot: INFRA_BOT_REPLICAS=3 needs DATABASE_URL (PostgreSQL): the embedded SQLite store is per pod',
    ]);
  });
});

describe('set-up mode in the image layout', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('NODE_ENV=production, no APP_ID › /healthz 200, /readyz 503, the set-up page offers app.yml; nothing in /app', async () => {
    // The image: /app holds lib, node_modules, package.json and app.yml; DATA_DIR=/data is the writable volume.
    const appDir = join(root, 'app');
    const dataDir = join(root, 'data-volume');
    mkdirSync(appDir);
    mkdirSync(dataDir);
    cpSync(join(repoRoot, 'lib'), join(appDir, 'lib'), { recursive: true });
    for (const file of ['package.json', 'app.yml']) cpSync(join(repoRoot, file), join(appDir, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(appDir, 'node_modules'));
    const before = readdirSync(appDir).sort();
    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['lib/main.js'], {
      cwd: appDir,
      env: { ...baseEnv(), NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${port}`;
    const health = await waitFor('/healthz in set-up mode', async () => {
      if (child?.exitCode !== null) throw new Error(`the server exited in set-up mode:\n${output}`);
      return fetch(`${url}/healthz`).then(
        (response) => response,
        () => undefined,
      );
    });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', mode: 'setup' });
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    const page = await fetch(`${url}/probot`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('replace-with-your-infra-bot-host.invalid');
    expect(html).not.toContain('example.com');
    expect(output).toContain(`"envFile":"${join(dataDir, '.env')}"`);
    expect(readdirSync(appDir).sort()).toEqual(before);
    expect(existsSync(join(appDir, '.env'))).toBe(false);
  }, 40_000);
});
