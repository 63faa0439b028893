// What the app and its workflow (.github/workflows/infra-bot-terraform.yml) agree on: the dispatch inputs, the
// artifact's name and files, and the result files the CLI writes inside the run. Both sides import this module, so
// a change to the contract is a change to one file.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

export const WORKFLOW_FILE = 'infra-bot-terraform.yml';
export const RESULT_FORMAT = 'infra-bot-result/1';

/** Files the workflow uploads (all at the artifact's root). */
export const ARTIFACT_FILES = {
  planJson: 'plan.json',
  planLog: 'plan.log',
  planResult: 'result.json',
  applyLog: 'apply.log',
  applyResult: 'apply-result.json',
} as const;

export const artifactName = (runId: string) => `infra-bot-${runId}`;

/** The app's correlation id for one dispatch: also in the run's name, so the run can be found without the API's help. */
export const RUN_ID = /^[a-z0-9]{16,40}$/;
export const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export type WorkflowAction = 'plan' | 'apply' | 'destroy';

/** The workflow_dispatch inputs, all strings (GitHub passes inputs as strings). */
export interface DispatchInputs {
  stack: string;
  action: WorkflowAction;
  sha: string;
  run_id: string;
  /** 'true' for a destroy plan (plan -destroy), also when applying one. */
  destroy: 'true' | 'false';
  /**
   * 'false': plan without refresh (`infra-bot plan --no-refresh`), a pull request's plan the apply re-checks. Sent
   * only then, so a workflow file older than this input still serves every refreshing run.
   */
  refresh?: 'false';
  /** sha256 of the stack's cdk.tf.json: the run refuses to plan anything else. */
  stack_hash: string;
  /** The cdk.tf.json itself (gzip, base64) when it fits in GitHub's input budget; otherwise the run synthesises it. */
  stack_json: string;
  /** apply: the digest of the approved plan; the run re-plans and applies only a plan with this digest. */
  plan_digest: string;
  /** ISO time after which the run must not start terraform: the app has given up on it by then. */
  not_after: string;
}

/** GitHub caps the JSON of all inputs together at 65,535 characters; leave room for the others. */
export const MAX_STACK_JSON_INPUT = 60_000;
const MAX_STACK_JSON_BYTES = 64 * 1024 * 1024;

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** gzip + base64 of the stack JSON, or undefined when that is over the input budget. */
export function encodeStackJson(json: string): string | undefined {
  const encoded = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  return encoded.length <= MAX_STACK_JSON_INPUT ? encoded : undefined;
}

/** Inverse of encodeStackJson; throws an Error that says what is wrong. */
export function decodeStackJson(encoded: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Error('--stack-json is not base64');
  try {
    return gunzipSync(Buffer.from(encoded, 'base64'), { maxOutputLength: MAX_STACK_JSON_BYTES }).toString('utf8');
  } catch (error) {
    throw new Error(`--stack-json is not gzip data of at most ${MAX_STACK_JSON_BYTES} bytes`, { cause: error });
  }
}

/** Where a run stopped: terraform's phases, or before them (validating specs, synthesising, checking its inputs). */
const phaseSchema = z.enum(['setup', 'validate', 'synth', 'init', 'plan', 'show', 'apply', 'destroy']);
export type ResultPhase = z.infer<typeof phaseSchema>;

const failureFields = {
  phase: phaseSchema.optional(),
  exitCode: z.number().int().nullable().optional(),
  timedOut: z.boolean().optional(),
  cancelled: z.boolean().optional(),
  error: z
    .string()
    .max(64 * 1024)
    .optional(),
};

export const planResultSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  command: z.literal('plan'),
  runId: z.string(),
  stack: z.string().regex(STACK_NAME),
  destroy: z.boolean(),
  /** Absent in results of CLIs older than the refresh input: they always refreshed. */
  refresh: z.boolean().optional(),
  ok: z.boolean(),
  hasChanges: z.boolean(),
  /** Managed resources in the state the plan started from (prior_state). */
  stateResources: z.number().int().min(0).optional(),
  stackHash: z.string().regex(SHA256).optional(),
  planDigest: z
    .string()
    .regex(/^v1:[0-9a-f]{64}$/)
    .optional(),
  planFileSha256: z.string().regex(SHA256).optional(),
  ...failureFields,
});
export type PlanResultFile = z.infer<typeof planResultSchema>;

export const applyResultSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  command: z.literal('apply'),
  runId: z.string(),
  stack: z.string().regex(STACK_NAME),
  ok: z.boolean(),
  planDigest: z.string().optional(),
  ...failureFields,
});
export type ApplyResultFile = z.infer<typeof applyResultSchema>;

/** Whether a cdk.tf.json keeps state in a local file: lost with the runner, so a workflow run must refuse it. */
export function usesLocalBackend(json: string): boolean {
  try {
    const backend = (JSON.parse(json) as { terraform?: { backend?: Record<string, unknown> } }).terraform?.backend;
    return backend === undefined || 'local' in backend;
  } catch {
    return false;
  }
}
