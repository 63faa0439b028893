import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

const newKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
let cachedKey: string | undefined;
/** An RSA key for the test GitHub App; `cached()` reuses one per test file (generating takes a moment). */
export const appKey = Object.assign(newKey, { cached: () => (cachedKey ??= newKey()) });

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A scratch folder with a `terraform` on PATH that runs the test double. The runner passes terraform only an
 * allowlisted environment, so the wrapper sets the double's own settings (invocation log, state dir) and sources
 * `faults.env`, which a test writes to inject faults (TF_DOUBLE_FAIL=apply, TF_DOUBLE_DELAY_MS=…).
 */
export function terraformSandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'infra-bot-e2e-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const paths = { stateDir: join(dir, 'tf-state'), log: join(dir, 'terraform.log'), faults: join(dir, 'faults.env') };
  writeFileSync(paths.faults, '');
  const wrapper = join(bin, 'terraform');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `export TF_DOUBLE_LOG='${paths.log}' TF_DOUBLE_STATE_DIR='${paths.stateDir}'`,
      `set -a; . '${paths.faults}'; set +a`,
      `exec '${process.execPath}' '${join(repoRoot, 'test', 'doubles', 'terraform', 'terraform.mjs')}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return {
    dir,
    bin,
    ...paths,
    dataDir: join(dir, 'data'),
    setFaults: (env: Record<string, string>) =>
      writeFileSync(
        paths.faults,
        Object.entries(env)
          .map(([name, value]) => `${name}='${value}'\n`)
          .join(''),
      ),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the BUILT server (lib/main.js) as a separate process and waits until /healthz answers. */
export async function startApp(env: Record<string, string>, nodeArgs: string[] = []): Promise<AppProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'lib', 'main.js')], {
    cwd: env.DATA_DIR ? dirname(env.DATA_DIR) : repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`app did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolveExit) => {
        if (child.exitCode !== null) return resolveExit(child.exitCode);
        child.once('exit', (code) => resolveExit(code));
        child.kill(signal);
      }),
  };
}

export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Sends a webhook the way GitHub does (signed JSON body); returns the HTTP status and the time to answer. */
export async function sendWebhook(
  url: string,
  event: string,
  payload: object,
  options: { id?: string; secret?: string } = {},
): Promise<{ status: number; ms: number; id: string }> {
  const body = JSON.stringify(payload);
  const id = options.id ?? randomUUID();
  const started = performance.now();
  const response = await fetch(`${url}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-hub-signature-256': sign(body, options.secret),
      'user-agent': 'GitHub-Hookshot/e2e',
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started, id };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
