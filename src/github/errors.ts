/**
 * Every gateway function fails with a GitHubGatewayError: a stable `code` the caller can branch on, the HTTP status
 * when GitHub answered, and the operation that failed. Retries are not ours: Probot's octokit already carries the
 * retry and throttling plugins, so an error that reaches here has already been retried.
 */
export type GitHubGatewayErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'validation_failed'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'head_moved'
  | 'too_many_files'
  | 'file_list_truncated'
  | 'comment_too_long'
  | 'tarball_invalid'
  | 'unexpected';

export class GitHubGatewayError extends Error {
  override readonly name = 'GitHubGatewayError';
  readonly code: GitHubGatewayErrorCode;
  readonly status: number | undefined;
  readonly operation: string;

  constructor(
    code: GitHubGatewayErrorCode,
    operation: string,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(`${operation}: ${message}`, { cause: options.cause });
    this.code = code;
    this.operation = operation;
    this.status = options.status;
  }
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function isHttpError(error: unknown): error is HttpErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

export function statusOf(error: unknown): number | undefined {
  if (error instanceof GitHubGatewayError) return error.status;
  return isHttpError(error) ? error.status : undefined;
}

function codeFor(error: HttpErrorLike): GitHubGatewayErrorCode {
  const { status } = error;
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status === 403) {
    const remaining = error.response?.headers?.['x-ratelimit-remaining'];
    return remaining === '0' || /rate limit/i.test(error.message) ? 'rate_limited' : 'forbidden';
  }
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 422) return 'validation_failed';
  // octokit reports a failed fetch (refused, reset) as a 500 without a response
  if (status === 500 && error.response === undefined) return 'network';
  if (status >= 500) return 'server_error';
  return 'unexpected';
}

/** Converts anything thrown by octokit into a GitHubGatewayError (kept as is when it already is one). */
export function toGatewayError(operation: string, error: unknown): GitHubGatewayError {
  if (error instanceof GitHubGatewayError) return error;
  if (isHttpError(error)) {
    return new GitHubGatewayError(codeFor(error), operation, `${error.status} ${error.message}`, {
      status: error.status,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubGatewayError('unexpected', operation, message, { cause: error });
}

/** Runs one GitHub call and wraps whatever it throws. */
export async function callGitHub<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGatewayError(operation, error);
  }
}
