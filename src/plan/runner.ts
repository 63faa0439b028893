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
  | {
      ok: true;
      planFile: string;
      planJson: string;
      hasChanges: boolean;
      log: string;
      /** Managed resources in the state the plan started from (`prior_state`); absent when the runner cannot tell. */
      stateResources?: number;
    }
  | RunFailure;

export interface PlanRequest extends RunRequest {
  destroy?: boolean;
  /**
   * false: `plan -refresh=false`, planning against the stored state without reading the real objects. Default true.
   * Only a plan whose apply refreshes and re-checks its change set may skip it (pull-request plans: runner-refresh.ts).
   */
  refresh?: boolean;
}

export type ApplyResult = { ok: true; log: string } | RunFailure;

export interface TerraformRunner {
  /** init → plan -out → show -json. */
  plan(req: PlanRequest): Promise<PlanResult>;
  /** Applies a saved plan; never re-plans (a stale plan fails). */
  apply(req: RunRequest & { planFile: string }): Promise<ApplyResult>;
  /** init → destroy -auto-approve; succeeds on an empty state. */
  destroy(req: RunRequest): Promise<ApplyResult>;
}
