// Start-up failures an operator causes (a bad key, a database that does not answer, a variable that contradicts the
// deployment) end the process with exit 1 and ONE line on stderr naming what is wrong; never a stack trace.

/** A start-up problem already worded for the operator. */
export class StartupError extends Error {
  readonly code = 'startup_error';
}

const REPLICAS = /^[1-9]\d{0,2}$/;

/**
 * The deployment rule infra-bot can check before starting: INFRA_BOT_REPLICAS (the replica count, set by the
 * Kubernetes manifest next to `replicas:`) above 1 needs DATABASE_URL, since locks, jobs and the delivery dedupe
 * live in the store and an embedded SQLite file is per pod. Undefined when fine.
 */
export function deploymentProblem(raw: Record<string, string | undefined>): string | undefined {
  const replicas = raw.INFRA_BOT_REPLICAS;
  if (replicas === undefined || replicas === '') return undefined;
  if (!REPLICAS.test(replicas)) return `INFRA_BOT_REPLICAS must be a whole number of replicas, got "${replicas}"`;
  if (Number(replicas) > 1 && !raw.DATABASE_URL)
    return `INFRA_BOT_REPLICAS=${replicas} needs DATABASE_URL (PostgreSQL): the embedded SQLite store is per pod`;
  return undefined;
}

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The first network error code in an error or its causes (pg wraps them; AggregateError holds one per address). */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const code = errorCode(error);
  if (code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code))
    return code;
  for (const inner of (error as { errors?: unknown[] }).errors ?? []) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}

/** Where DATABASE_URL points, without its password. */
function databaseTarget(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}`;
  } catch {
    return 'the DATABASE_URL host';
  }
}

/** One line for a failure during start-up; `where` tells which step failed. */
export function startupErrorLine(
  error: unknown,
  where: { step: 'store' | 'server' | 'other'; env: Record<string, string | undefined> },
): string {
  if (error instanceof StartupError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  if (where.step === 'store' && where.env.DATABASE_URL) {
    const network = networkCode(error);
    const target = databaseTarget(where.env.DATABASE_URL);
    if (network) return `cannot reach PostgreSQL at ${target} (${network}): check DATABASE_URL and that it is running`;
    return `PostgreSQL at ${target} refused the connection: ${firstLine(message)}`;
  }
  if (code === 'EADDRINUSE') return `PORT ${where.env.PORT ?? 3000} is already in use: set PORT to a free port`;
  if (code === 'EACCES' || code === 'EROFS')
    return `cannot write where start-up needs to (${code}): ${firstLine(message)}; check DATA_DIR is writable`;
  return `start-up failed: ${firstLine(message)}`;
}

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

export type StartupStep = 'store' | 'server' | 'other';

/** Prints `infra-bot: <one line>` on stderr and exits 1. */
export function failStartup(
  error: unknown,
  step: StartupStep = 'other',
  env: Record<string, string | undefined> = {},
): never {
  const line = typeof error === 'string' ? error : startupErrorLine(error, { step, env });
  process.stderr.write(`infra-bot: ${line}\n`);
  process.exit(1);
}
