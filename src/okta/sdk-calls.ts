// Glue between the SDK's Collections/errors and our records/typed errors.
import { OktaError, OktaRequestError, OktaUnavailableError } from './errors.js';

/**
 * Iterates an SDK Collection (one request per page, on demand), mapping items and translating errors. A Collection
 * yields `null` for an empty page that still has a next link; those are skipped.
 */
export async function* pagesOf<T, R>(
  operation: string,
  open: () => Promise<AsyncIterable<T | null>>,
  map: (item: T) => R,
): AsyncIterable<R> {
  try {
    for await (const item of await open()) if (item !== null) yield map(item);
  } catch (err) {
    throw translateError(operation, err);
  }
}

export const statusOf = (err: unknown): number | undefined => {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
};

/**
 * Our errors pass through; the SDK's OktaApiError/HttpError (an answered 4xx) become OktaRequestError with Okta's
 * error summary; a body read cut by the attempt timeout becomes OktaUnavailableError. Only chosen fields are copied:
 * the SDK errors carry response headers and URLs we do not want in logs.
 */
export function translateError(operation: string, err: unknown): OktaError {
  if (err instanceof OktaError) return err;
  const e = (err ?? {}) as { name?: string; message?: string; errorCode?: unknown; errorSummary?: unknown };
  const status = statusOf(err);
  if (status !== undefined) {
    const summary = typeof e.errorSummary === 'string' ? e.errorSummary : `HTTP ${status}`;
    const code = typeof e.errorCode === 'string' ? e.errorCode : undefined;
    return new OktaRequestError(operation, status, `${status} ${summary}${code ? ` (${code})` : ''}`, code);
  }
  if (e.name === 'AbortError')
    return new OktaUnavailableError(operation, 'timeout', 'the answer was cut off by the timeout');
  if (e.name === 'FetchError')
    return new OktaUnavailableError(operation, 'unreachable', 'the connection failed mid-answer');
  return new OktaRequestError(operation, 0, `unexpected failure: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`);
}

/** `field eq "value"` for Okta filter/search expressions, with the value's quotes and backslashes escaped. */
export const eqExpression = (field: string, value: string): string =>
  `${field} eq "${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
