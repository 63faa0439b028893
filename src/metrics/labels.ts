// Every label value is one of a fixed list, checked when the metrics are built: a repository name, a comment or a
// header cannot become a label (it could carry a secret, and an unbounded label set exhausts Prometheus).
export const OTHER = 'other';

export const EXTERNAL_SERVICES = ['github', 'slack', 'okta', 'aws'] as const;
export type ExternalService = (typeof EXTERNAL_SERVICES)[number];

export const FAILURE_REASONS = [
  'rate_limited',
  'timeout',
  'network',
  'server_error',
  'auth',
  'client_error',
  'other',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const WEBHOOK_OUTCOMES = ['ok', 'error'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** `aborted`: the lease was lost or the worker stopped past its grace period. */
export const JOB_OUTCOMES = ['ok', 'error', 'aborted'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

export const TERRAFORM_PHASES = ['plan', 'apply', 'destroy'] as const;
export type TerraformPhase = (typeof TERRAFORM_PHASES)[number];

export const TERRAFORM_OUTCOMES = ['ok', 'failed', 'timeout', 'cancelled'] as const;
export type TerraformOutcome = (typeof TERRAFORM_OUTCOMES)[number];

/** The events the app subscribes to (`event.action`). */
export const DEFAULT_WEBHOOK_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.closed',
  'issue_comment.created',
];

/** GitHub's `x-ratelimit-resource` values. */
export const RATE_LIMIT_RESOURCES = [
  'core',
  'graphql',
  'search',
  'code_search',
  'integration_manifest',
  'dependency_snapshots',
  'audit_log',
  'code_scanning_upload',
  'actions_runner_registration',
  'scim',
  'source_import',
];

const LABEL_VALUE = /^[a-z][a-z0-9_.:-]{0,63}$/;

export class MetricsError extends Error {
  readonly code = 'invalid_label_values';
}

/** Checks a configured list of label values (job kinds, events) once, at start-up. */
export function labelValues(what: string, values: readonly string[]): readonly string[] {
  const bad = values.filter((value) => !LABEL_VALUE.test(value) || value === OTHER);
  if (bad.length) {
    throw new MetricsError(`${what}: ${bad.length} value(s) are not short lower-case identifiers (${LABEL_VALUE})`);
  }
  return [...new Set(values)];
}

/** The value when it is one of the allowed ones, else `other`. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | typeof OTHER {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : OTHER;
}
