// Shared setup for runner tests against the terraform double: temp dirs, fixtures, invocation log, logger.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalRunner, type LocalRunnerOptions } from '../../../src/plan/local-runner.js';
import type { AwsCredentials, RunRequest } from '../../../src/plan/runner.js';

export const DOUBLE = fileURLToPath(new URL('../../doubles/terraform/terraform.mjs', import.meta.url));

export interface Invocation {
  argv: string[];
  program: string;
  cwd: string;
  envNames: string[];
  awsAccessKeyId: string | null;
  pid: number;
  startedAt: number;
}

export interface LogEntry {
  level: 'info' | 'warn';
  fields: Record<string, unknown>;
  msg: string;
}

export interface Sandbox {
  stack: string;
  root: string;
  workDir: string;
  statePath: string;
  invocationLog: string;
  cacheDir: string;
  entries: LogEntry[];
  invocations(): Invocation[];
  state(): { serial: number; resources: Record<string, Record<string, unknown>> } | null;
  writeStack(resources: Record<string, Record<string, Record<string, unknown>>>): void;
  runner(options?: Partial<LocalRunnerOptions>): ReturnType<typeof createLocalRunner>;
  cleanup(): void;
}

/** An S3 bucket stack (bucket + versioning referencing it) with a local backend. */
export function bucketStack(bucket = 'acme-logs', tags: Record<string, string> = { ManagedBy: 'infra-bot' }) {
  return {
    aws_s3_bucket: { bucket: { bucket, tags } },
    aws_s3_bucket_versioning: {
      versioning: { bucket: '${aws_s3_bucket.bucket.id}', versioning_configuration: { status: 'Enabled' } },
    },
  };
}

export function createSandbox(stack = 's3-logs'): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'plan-runner-'));
  const workDir = join(root, 'stacks', stack);
  mkdirSync(workDir, { recursive: true });
  const statePath = join(root, 'state', `${stack}.tfstate`);
  const invocationLog = join(root, 'invocations.jsonl');
  const cacheDir = join(root, 'cache', 'plugins');
  const entries: LogEntry[] = [];
  const sandbox: Sandbox = {
    stack,
    root,
    workDir,
    statePath,
    invocationLog,
    cacheDir,
    entries,
    invocations: () =>
      existsSync(invocationLog)
        ? readFileSync(invocationLog, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Invocation)
        : [],
    state: () => (existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : null),
    writeStack: (resources) => {
      const config = {
        '//': { metadata: { stackName: stack } },
        terraform: {
          backend: { local: { path: statePath } },
          required_providers: { aws: { source: 'aws', version: '5.84.0' } },
        },
        provider: { aws: [{ region: 'us-east-1' }] },
        resource: resources,
      };
      writeFileSync(join(workDir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
    },
    runner: (options = {}) =>
      createLocalRunner({
        binary: DOUBLE,
        pluginCacheDir: cacheDir,
        graceMs: 2000,
        log: {
          info: (fields, msg) => entries.push({ level: 'info', fields, msg }),
          warn: (fields, msg) => entries.push({ level: 'warn', fields, msg }),
        },
        ...options,
      }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  sandbox.writeStack(bucketStack());
  return sandbox;
}

export const credentials = (overrides: Partial<AwsCredentials> = {}): AwsCredentials => ({
  accessKeyId: 'ASIATESTRUNACCESSKEY',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYrunSecret+Key',
  sessionToken: 'FwoGZXIvYXdzEBYaDRunSessionToken//+abc=',
  expiration: new Date(Date.now() + 60 * 60 * 1000),
  ...overrides,
});

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A run request for the sandbox's stack; `env` goes to the child through extraEnv (the double's switches). */
export function request(
  sb: Sandbox,
  { env = {}, ...rest }: Partial<RunRequest> & { env?: Record<string, string> } = {},
): RunRequest {
  return {
    workDir: sb.workDir,
    stack: sb.stack,
    credentials: credentials(),
    timeoutMs: 10 * 60_000,
    extraEnv: { TF_DOUBLE_LOG: sb.invocationLog, ...env },
    ...rest,
  };
}
