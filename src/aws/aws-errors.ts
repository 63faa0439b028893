// Typed AWS read failures with stable codes. Built from the SDK error's name, message, status and request id only:
// the SDK error can hold the raw response and the request (signed headers), which must not reach a log or comment.

export type AwsErrorCode = 'aws_unavailable' | 'aws_throttled' | 'aws_request_failed';

export abstract class AwsError extends Error {
  abstract readonly code: AwsErrorCode;
  /** `STS`, `EC2`. */
  readonly service: string;
  /** `GetCallerIdentity`, `DescribeInstances`. */
  readonly operation: string;
  /** AWS's error code (`AccessDenied`, `RequestLimitExceeded`…) or the network error code. */
  readonly awsCode: string | undefined;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(service: string, operation: string, message: string, details: AwsErrorDetails = {}) {
    super(`AWS ${service} ${operation}: ${message}`);
    this.service = service;
    this.operation = operation;
    this.awsCode = details.awsCode;
    this.status = details.status;
    this.requestId = details.requestId;
  }
}

interface AwsErrorDetails {
  awsCode?: string;
  status?: number;
  requestId?: string;
}

/** Unreachable, timed out, past the call's deadline, or 5xx after the SDK's retries. */
export class AwsUnavailableError extends AwsError {
  override readonly name = 'AwsUnavailableError';
  readonly code = 'aws_unavailable';
}

/** Still throttled after the SDK's retries. */
export class AwsThrottledError extends AwsError {
  override readonly name = 'AwsThrottledError';
  readonly code = 'aws_throttled';
}

/** AWS refused the request (access denied, expired credentials, invalid parameter): retrying will not help. */
export class AwsRequestError extends AwsError {
  override readonly name = 'AwsRequestError';
  readonly code = 'aws_request_failed';
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
]);
const NETWORK = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'];
const TIMEOUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT']);
// The SDK's retry middleware turns an error it does not recognise as an Error (another realm's, e.g. under a test
// VM) into `new Error("AWS SDK error wrapper for …")`, keeping only the text: read the code from it then.
const CODE_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK, 'ETIMEDOUT'].join('|')})\\b`);

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

export function toAwsError(service: string, operation: string, err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  const e = (err ?? {}) as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const netCode = e.code ?? CODE_IN_MESSAGE.exec(e.message ?? '')?.[1];
  const awsCode = netCode && (NETWORK.includes(netCode) || netCode === 'ETIMEDOUT') ? netCode : e.name;
  const details = { awsCode, status, requestId: e.$metadata?.requestId };
  const attempts = e.$metadata?.attempts;
  const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  const said = `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
  if (THROTTLING.has(e.name ?? '') || status === 429) {
    return new AwsThrottledError(service, operation, `throttled${after} (${said})`, details);
  }
  if (netCode && NETWORK.includes(netCode)) {
    return new AwsUnavailableError(service, operation, `cannot reach AWS (${netCode})${after}`, details);
  }
  if (TIMEOUT.has(e.name ?? '') || netCode === 'ETIMEDOUT') {
    return new AwsUnavailableError(service, operation, `no answer in time (${awsCode})${after}`, details);
  }
  if (status !== undefined && status >= 500) {
    return new AwsUnavailableError(service, operation, `AWS answered ${status}${after} (${said})`, details);
  }
  return new AwsRequestError(service, operation, said, details);
}
