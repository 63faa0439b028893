// The boundary between the workflow and whatever runs Terraform (the local CLI here; GitHub Actions later).

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface RunRequest {
  /** Contains cdk.tf.json (written by synth); the runner may create .terraform/, planfiles and logs inside. */
  workDir: string;
  /** Stack name; also names the plan file (`<workDir>/<stack>.tfplan`). */
  stack: string;
  /** Passed to the child process only (environment), never logged. */
  credentials?: AwsCredentials;
  /** Extra child environment, e.g. OKTA_ORG_NAME / OKTA_BASE_URL / OKTA_API_TOKEN for the identity stack. */
  extraEnv?: Record<string, string>;
  /** Values to redact from captured output; credentials are redacted automatically. */
  secrets?: string[];
  /** One deadline for the whole run, across its phases. */
  timeoutMs: number;
  /** External cancel (graceful shutdown): same SIGINT → grace → SIGKILL path as a timeout. */
  signal?: AbortSignal;
}

export type RunPhase = 'init' | 'plan' | 'show' | 'apply' | 'destroy';

export type RunFailure = {
  ok: false;
  phase: RunPhase;
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Captured output (bounded, redacted). */
  log: string;
  /** Terraform's `Error: …` block(s), or why the run could not start or finish (redacted). */
  error: string;
};

export type PlanResult =
  { ok: true; planFile: string; planJson: string; hasChanges: boolean; log: string } | RunFailure;

export type ApplyResult = { ok: true; log: string } | RunFailure;

export interface TerraformRunner {
  /** init → plan -out → show -json. */
  plan(req: RunRequest & { destroy?: boolean }): Promise<PlanResult>;
  /** Applies a saved plan; never re-plans (a stale plan fails). */
  apply(req: RunRequest & { planFile: string }): Promise<ApplyResult>;
  /** init → destroy -auto-approve; succeeds on an empty state. */
  destroy(req: RunRequest): Promise<ApplyResult>;
}
