// Deep, bounded redaction of whatever is handed to a log call: objects, arrays, errors (with their cause, Octokit's
// `request.headers`), Dates, Buffers. Returns a plain JSON-friendly copy; the input is never modified.
import { REDACTED, redactSecrets } from './redact.js';

export interface RedactLimits {
  /** Nesting below this depth is summarised (`[Object]`, `[Array]`). */
  maxDepth: number;
  /** Keys kept per object, items per array; the rest is counted. */
  maxEntries: number;
  /** Longer strings are cut (before redaction, with a marker). */
  maxString: number;
}

export const DEFAULT_LIMITS: RedactLimits = { maxDepth: 8, maxEntries: 100, maxString: 16_384 };

/** Keys whose value is a credential whatever it looks like. */
const SENSITIVE_KEY =
  /^(?:(?:proxy-)?authorization|cookie|set-cookie|x-api-key|x-amz-security-token|password|passwd|secret|client_?secret|private_?key|privatekey|api_?token|access_?token|refresh_?token|id_?token|session_?token|secret_?access_?key|aws_secret_access_key|aws_session_token|webhook_?secret|signing_?secret|bot_?token|token|credentials?|assertion|client_assertion|jwt)$/i;

export const isSensitiveKey = (key: string): boolean => SENSITIVE_KEY.test(key);

export interface RedactContext {
  secrets: readonly string[];
  limits: RedactLimits;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

export const redactString = (text: string, context: RedactContext): string =>
  redactSecrets(cut(text, context.limits.maxString), context.secrets);

/** An Error as a plain object: type, message, stack, code/status, its own fields and its cause, all redacted. */
export function redactError(error: Error, context: RedactContext, depth = 0, seen = new WeakSet<object>()): object {
  seen.add(error);
  try {
    const out: Record<string, unknown> = { type: error.name || error.constructor?.name || 'Error' };
    out.message = redactString(String(error.message ?? ''), context);
    if (typeof error.stack === 'string') out.stack = redactString(error.stack, context);
    const fields = Object.keys(error).filter((key) => key !== 'message' && key !== 'stack' && key !== 'name');
    Object.assign(out, walkEntries(error as unknown as Record<string, unknown>, fields, context, depth, seen));
    // `cause` is not enumerable when given to the Error constructor.
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && !('cause' in out)) out.cause = walk(cause, context, depth + 1, seen);
    return out;
  } finally {
    seen.delete(error);
  }
}

function walkEntries(
  source: Record<string, unknown>,
  keys: string[],
  context: RedactContext,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { maxEntries } = context.limits;
  for (const key of keys.slice(0, maxEntries)) {
    let value: unknown;
    try {
      value = source[key];
    } catch {
      out[key] = '[unreadable]'; // a throwing getter must not take the log line (or its caller) down
      continue;
    }
    if (typeof value === 'function' || value === undefined) continue;
    out[key] = isSensitiveKey(key) && value !== null && value !== '' ? REDACTED : walk(value, context, depth + 1, seen);
  }
  if (keys.length > maxEntries) out['…'] = `${keys.length - maxEntries} more keys`;
  return out;
}

/** Redacts any value; `depth` and `seen` bound the walk (deep nesting, cycles). */
export function walk(value: unknown, context: RedactContext, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value, context);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'symbol' ? String(value) : value;
  }
  if (seen.has(value)) return '[Circular]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof Error)
    return depth > context.limits.maxDepth ? '[Error]' : redactError(value, context, depth, seen);
  if (depth > context.limits.maxDepth) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.slice(0, context.limits.maxEntries).map((item) => walk(item, context, depth + 1, seen));
      if (value.length > context.limits.maxEntries) items.push(`… ${value.length - context.limits.maxEntries} more`);
      return items;
    }
    if (value instanceof Map) return walk(Object.fromEntries(value), context, depth, seen);
    if (value instanceof Set) return walk([...value], context, depth, seen);
    const json = (value as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return walk(json.call(value), context, depth, seen);
    return walkEntries(value as Record<string, unknown>, Object.keys(value), context, depth, seen);
  } finally {
    // Siblings may share an object (not a cycle): only the current path counts as "seen".
    seen.delete(value);
  }
}

/** The deep, bounded redaction every log field goes through. */
export function redactValue(
  value: unknown,
  secrets: readonly string[] = [],
  limits: RedactLimits = DEFAULT_LIMITS,
): unknown {
  return walk(value, { secrets, limits });
}
