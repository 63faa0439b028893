// Typed Okta failures with stable codes. Messages name the operation and what Okta said; they never carry the API
// token, the OAuth assertion or a request header (the SDK's own errors are not attached as `cause` for that reason).

export type OktaErrorCode = 'okta_unavailable' | 'okta_rate_limited' | 'okta_request_failed' | 'okta_ambiguous_user';

export abstract class OktaError extends Error {
  abstract readonly code: OktaErrorCode;
  /** What we were doing, e.g. `GET /api/v1/users`. */
  readonly operation: string;

  constructor(operation: string, message: string) {
    super(`Okta ${operation}: ${message}`);
    this.operation = operation;
  }
}

/** Unreachable, timed out, or answering 5xx after every retry. */
export class OktaUnavailableError extends OktaError {
  override readonly name = 'OktaUnavailableError';
  readonly code = 'okta_unavailable';
  readonly reason: 'unreachable' | 'timeout' | 'server_error' | 'deadline';
  readonly status: number | undefined;

  constructor(operation: string, reason: OktaUnavailableError['reason'], message: string, status?: number) {
    super(operation, message);
    this.reason = reason;
    this.status = status;
  }
}

/** A 429 storm that outlasted the retries (or whose reset lies past the call's deadline). */
export class OktaRateLimitedError extends OktaError {
  override readonly name = 'OktaRateLimitedError';
  readonly code = 'okta_rate_limited';
  /** When Okta said the window resets (from `x-rate-limit-reset`), if it said. */
  readonly resetAt: Date | undefined;

  constructor(operation: string, message: string, resetAt?: Date) {
    super(operation, message);
    this.resetAt = resetAt;
  }
}

/** Okta answered with a 4xx other than 429 (bad token, missing scope, invalid search…): retrying will not help. */
export class OktaRequestError extends OktaError {
  override readonly name = 'OktaRequestError';
  readonly code = 'okta_request_failed';
  readonly status: number;
  /** Okta's `errorCode`, e.g. `E0000011` (invalid token). */
  readonly oktaCode: string | undefined;

  constructor(operation: string, status: number, message: string, oktaCode?: string) {
    super(operation, message);
    this.status = status;
    this.oktaCode = oktaCode;
  }
}

/** An email that matches several Okta users and no login: we refuse to guess which person is meant. */
export class OktaAmbiguousUserError extends OktaError {
  override readonly name = 'OktaAmbiguousUserError';
  readonly code = 'okta_ambiguous_user';
  readonly matches: number;

  constructor(operation: string, email: string, matches: number) {
    super(operation, `${matches} Okta users have the email ${email} and none has it as login`);
    this.matches = matches;
  }
}
