// The one error policy: what kind of failure an error is, whether another try can help, and what a person should do.
// The job runner (retry or not), the metrics (`category` label) and the failure messages all read it. Pure: it looks
// at the typed errors' structured fields (codes, statuses), never sends anything.
import { AwsError } from '../aws/aws-errors.js';
import { GitHubGatewayError } from '../github/errors.js';
import { ProjectsError } from '../github/projects.js';
import { OktaError, OktaRequestError } from '../okta/errors.js';
import { failureReason } from '../metrics/failure-reason.js';
import type { FailureReason } from '../metrics/labels.js';
import { SlackApiError } from '../slack/slack-errors.js';
import {
  LeaseLostError,
  PermanentJobError,
  RetryLaterError,
  TerraformRunError,
  WorkerStoppingError,
} from './errors.js';
import type { ErrorCategory } from './error-category.js';

export type { ErrorCategory } from './error-category.js';

export interface ErrorClass {
  /** config: a setting or an outside object is wrong; permission: the app may not do it; transient: try later. */
  category: ErrorCategory;
  /** Whether trying again later can succeed. config and permission problems never are. */
  retryable: boolean;
  /** A short stable code for logs and dedup, e.g. `slack:channel_not_found`, `github:forbidden`. */
  code: string;
  /** What a person should do, when we know (safe to show: no message text of the error). */
  fix?: string;
}

const cls = (category: ErrorCategory, code: string, fix?: string): ErrorClass => ({
  category,
  retryable: category === 'transient' || category === 'bug',
  code,
  ...(fix !== undefined && { fix }),
});

/** What the call-failure metrics call a network failure or a time-out (failure-reason.ts): worth another try. */
const PASSING: ReadonlySet<FailureReason> = new Set(['network', 'timeout']);
/** failureReason's own depth limit: at it, it reads this error's fields and not its cause (classified below). */
const FIELDS_ONLY = 3;
const SLACK_CHANNEL = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived']);
const SLACK_AUTH = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
  'restricted_action',
]);
const SLACK_FIX = {
  channel:
    'invite @infra-bot to the approvals channel (`/invite @infra-bot` in Slack), or correct `approvals.slackChannel` in .github/infra.yml',
  auth: 'check the Slack bot token (SLACK_BOT_TOKEN) and its scopes (chat:write, users:read, users:read.email)',
};

function slack(error: SlackApiError): ErrorClass {
  const code = `slack:${error.code}`;
  if (SLACK_CHANNEL.has(error.code)) return cls('config', code, SLACK_FIX.channel);
  if (SLACK_AUTH.has(error.code)) return cls('permission', code, SLACK_FIX.auth);
  // slack-errors.ts decided retryable for the rest: rate limits, Slack down, network, 5xx.
  return error.retryable ? cls('transient', code) : { ...cls('bug', code), retryable: false };
}

function github(code: string, status: number | undefined, rateLimited: boolean): ErrorClass {
  const label = `github:${code}`;
  if (rateLimited) return cls('transient', 'github:rate_limited');
  switch (code) {
    case 'unauthorized':
    case 'forbidden':
      return cls('permission', label, 'check the GitHub App permissions and that it is installed on this repository');
    case 'not_found':
      // Retried all the same: right after a push GitHub can answer 404 for a commit it has not replicated yet.
      return {
        ...cls('config', label, 'check that the repository, branch or file exists and the app can see it'),
        retryable: true,
      };
    case 'too_many_files':
    case 'file_list_truncated':
      return cls('config', label, 'split the change into smaller pull requests');
    case 'rate_limited':
    case 'server_error':
    case 'network':
    case 'conflict':
    case 'head_moved':
    case 'tarball_invalid':
      return cls('transient', label);
    default:
      // validation_failed, comment_too_long, unexpected: our request was wrong; the same request fails again.
      return status !== undefined && status >= 500
        ? cls('transient', label)
        : { ...cls('bug', label), retryable: false };
  }
}

/** Octokit's RequestError (or anything with a numeric HTTP status and headers). */
function httpStatus(error: { status: number; response?: { headers?: Record<string, unknown> } }): ErrorClass {
  const { status } = error;
  // 429, and GitHub's 403 with an exhausted quota, read as the metrics read them.
  if (failureReason(error) === 'rate_limited') return cls('transient', 'http:rate_limited');
  if (status === 401 || status === 403) return github('forbidden', status, false);
  if (status === 404 || status === 410) return github('not_found', status, false);
  if (status === 409 || status >= 500) return cls('transient', `http:${status}`);
  return { ...cls('bug', `http:${status}`), retryable: false };
}

function okta(error: OktaError): ErrorClass {
  const code = `okta:${error.code}`;
  if (error instanceof OktaRequestError) {
    if (error.status === 401 || error.status === 403)
      return cls('permission', code, 'check the Okta API token or OAuth app and its scopes');
    if (error.status === 404) return cls('config', code, 'check the Okta user or group named in the spec');
    return { ...cls('bug', code), retryable: false };
  }
  if (error.code === 'okta_ambiguous_user')
    return cls('config', code, 'give the Okta login instead of the email: several Okta users share it');
  return cls('transient', code);
}

const AWS_DENIED =
  /^(?:AccessDenied\w*|UnauthorizedOperation|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken\w*|SignatureDoesNotMatch)$/;

function aws(error: AwsError): ErrorClass {
  const code = `aws:${error.awsCode ?? error.code}`;
  if (error.code !== 'aws_request_failed') return cls('transient', code);
  if (AWS_DENIED.test(error.awsCode ?? '') || error.status === 403)
    return cls('permission', code, 'check the IAM role infra-bot assumes and its policy (the error names the action)');
  return cls('config', code);
}

const TF_DENIED = /AccessDenied|UnauthorizedOperation|not authorized to perform|status code: 403|StatusCode: 403/i;
const TF_TRANSIENT =
  /timeout|timed out|connection reset|ECONNRESET|TLS handshake|Throttling|Rate exceeded|RequestLimitExceeded|status code: 5\d\d|StatusCode: 5\d\d|registry\.terraform\.io|could not connect|no such host/i;

function terraform(error: TerraformRunError): ErrorClass {
  const code = `terraform:${error.phase}`;
  if (error.timedOut || error.phase === 'init' || TF_TRANSIENT.test(error.message)) return cls('transient', code);
  if (TF_DENIED.test(error.message))
    return cls('permission', code, 'check the IAM role of the stack (the terraform error names the denied action)');
  return cls('config', code, 'read the terraform error below; fix the spec or the resource it names');
}

/** Classifies anything thrown by a job. Unknown errors are bugs (worth a retry: we cannot tell). */
export function classifyError(error: unknown, depth = 0): ErrorClass {
  if (error instanceof PermanentJobError) {
    const inner = error.cause !== undefined && depth < 3 ? classifyError(error.cause, depth + 1) : undefined;
    const category = error.category ?? inner?.category ?? 'bug';
    return { ...(inner ?? {}), ...cls(category, inner?.code ?? error.code, error.fix ?? inner?.fix), retryable: false };
  }
  if (error instanceof LeaseLostError || error instanceof WorkerStoppingError || error instanceof RetryLaterError)
    return cls('transient', error.code);
  if (error instanceof SlackApiError) return slack(error);
  if (error instanceof ProjectsError) {
    return error.code === 'forbidden'
      ? cls(
          'permission',
          `github:project-${error.code}`,
          'give the GitHub App the organization Projects permission (read and write)',
        )
      : cls(
          'config',
          `github:${error.code}`,
          'fix `project` in .github/infra.yml: the board does not exist or the app cannot see it',
        );
  }
  if (error instanceof GitHubGatewayError) {
    if (error.code === 'unexpected' && error.cause !== undefined && depth < 3)
      return classifyError(error.cause, depth + 1);
    return github(error.code, error.status, false);
  }
  if (error instanceof OktaError) return okta(error);
  if (error instanceof AwsError) return aws(error);
  if (error instanceof TerraformRunError) return terraform(error);
  if (!error || typeof error !== 'object') return cls('bug', 'unknown');
  const fields = error as { status?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  if (typeof fields.status === 'number' && fields.status >= 400) {
    return httpStatus(error as { status: number; response?: { headers?: Record<string, unknown> } });
  }
  const code = typeof fields.code === 'string' ? fields.code : typeof fields.name === 'string' ? fields.name : '';
  if (PASSING.has(failureReason(error, FIELDS_ONLY))) return cls('transient', `network:${code}`);
  // fetch wraps the real network error: `TypeError: fetch failed` with it as the cause.
  if (fields.cause !== undefined && depth < 3) {
    const inner = classifyError(fields.cause, depth + 1);
    if (inner.category !== 'bug') return inner;
  }
  if (error instanceof TypeError && error.message === 'fetch failed') return cls('transient', 'network:fetch_failed');
  return cls('bug', code && /^[\w.:-]{1,64}$/.test(code) ? code : 'unknown');
}
