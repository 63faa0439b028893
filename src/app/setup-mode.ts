// Set-up mode: no GitHub App credentials yet. Probot's set-up pages register the app from app.yml and hand back its
// id, key and webhook secret; infra-bot writes them to a file it can write (the image's /app is read-only for its
// user) and loads that file on the next start. /healthz answers here too, so an orchestrator does not kill the pod.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Probot, Server } from 'probot';
import type { Logger } from 'pino';
import { setupHealthHandler } from './health-routes.js';

/** Where set-up writes the credentials: $INFRA_BOT_ENV_FILE, else `<DATA_DIR>/.env`, else `./.env` (Probot's own). */
export function setupEnvFile(raw: Record<string, string | undefined>): string {
  if (raw.INFRA_BOT_ENV_FILE) return resolve(raw.INFRA_BOT_ENV_FILE);
  return raw.DATA_DIR ? join(resolve(raw.DATA_DIR), '.env') : resolve('.env');
}

/** Loads a file set-up wrote earlier; variables already in the environment win over it. */
export function loadSetupEnvFile(file: string, env: NodeJS.ProcessEnv): void {
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnvFile(readFileSync(file, 'utf8')))) env[name] ??= value;
}

/** `NAME=value` lines as Probot writes them (newlines in values escaped as `\n`, no quoting). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    const unquoted = /^(['"])(.*)\1$/.exec(raw)?.[2] ?? raw;
    values[match[1]!] = unquoted.replace(/\\n/g, '\n');
  }
  return values;
}

/** Probot's `updateEnv` for set-up: merges into `file` (mode 0600) and into `env`. */
export function envFileWriter(file: string, env: NodeJS.ProcessEnv) {
  return (update: Record<string, string>): Record<string, string> => {
    const merged = { ...(existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')) : {}), ...update };
    const text = Object.entries(merged)
      .map(([name, value]) => `${name}=${value.replace(/\n/g, '\\n')}`)
      .join('\n');
    // The file holds the app's private key: readable by this user only.
    writeFileSync(file, `${text}\n`, { mode: 0o600 });
    Object.assign(env, update);
    return merged;
  };
}

interface SetupAppModule {
  setupAppFactory(options: {
    host: string;
    port: number;
    log: Logger;
    updateEnv: (env: Record<string, string>) => Record<string, string>;
  }): Parameters<Server['loadHandlerFactory']>[0];
}

/**
 * Starts Probot's set-up pages behind infra-bot's health handler. Probot's `run()` would refuse NODE_ENV=production
 * without APP_ID and write `.env` into the working directory; this builds the same server without those two.
 */
export async function runSetupMode(options: { log: Logger; env: NodeJS.ProcessEnv }): Promise<Server> {
  const { log, env } = options;
  const envFile = setupEnvFile(env);
  // Probot's package exports only its entry point; the set-up app sits next to it in the same (pinned) package.
  const setupModule = (await import(new URL('./apps/setup.js', import.meta.resolve('probot')).href)) as SetupAppModule;
  const server = new Server({
    host: env.HOST ?? 'localhost',
    port: Number(env.PORT ?? 3000),
    log,
    // Never used: set-up mode has no credentials and handles no webhooks.
    Probot: Probot.defaults({ appId: 1, privateKey: 'set-up mode has no key', log }),
  });
  server.addHandler(setupHealthHandler());
  await server.loadHandlerFactory(
    setupModule.setupAppFactory({
      host: server.host,
      port: server.port,
      log: log.child({ name: 'setup' }),
      updateEnv: envFileWriter(envFile, env),
    }),
  );
  await server.start();
  log.info({ envFile }, 'set-up mode: register the app on the set-up page; its credentials are written to envFile');
  return server;
}
