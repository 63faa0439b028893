import { zipFiles } from './zip-writer.js';

/**
 * GitHub Actions in the double: workflow runs created by workflow_dispatch, their jobs and artifacts. What a run
 * does is up to the test's `WorkflowRunner` hook, which gets a `DispatchedRun` to drive (start, upload, complete);
 * without a hook a run stays queued forever, like a run no runner picks up.
 */
export type RunStatus = 'queued' | 'in_progress' | 'completed';
export type RunConclusion =
  'success' | 'failure' | 'cancelled' | 'timed_out' | 'startup_failure' | 'action_required' | 'skipped';

export interface StepRecord {
  name: string;
  number: number;
  status: RunStatus;
  conclusion: RunConclusion | null;
}

export interface ArtifactRecord {
  id: number;
  runId: number;
  name: string;
  zip: Buffer;
  expired: boolean;
  createdAt: string;
}

export interface WorkflowRunRecord {
  id: number;
  repoKey: string;
  owner: string;
  repo: string;
  workflowFile: string;
  workflowName: string;
  ref: string;
  headSha: string;
  inputs: Record<string, string>;
  displayTitle: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  steps: StepRecord[];
  artifacts: ArtifactRecord[];
  abort: AbortController;
}

/** What the test's hook gets for each dispatched run. */
export interface DispatchedRun {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  readonly workflowFile: string;
  /** The branch the workflow was dispatched on, and its commit. */
  readonly ref: string;
  readonly headSha: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly htmlUrl: string;
  /** Aborted when the run is cancelled through the API. */
  readonly signal: AbortSignal;
  /** queued → in_progress */
  start(): void;
  /** Records a finished step (the jobs API lists them; failed ones explain a run without artifacts). */
  step(name: string, conclusion: RunConclusion): void;
  /** Uploads an artifact: files (zipped like actions/upload-artifact does) or raw bytes served as they are. */
  upload(name: string, content: Record<string, string | Buffer> | Buffer): void;
  complete(conclusion: RunConclusion): void;
}

export type WorkflowRunner = (run: DispatchedRun) => void | Promise<void>;

export class ActionsState {
  readonly runs = new Map<number, WorkflowRunRecord>();
  readonly artifacts = new Map<number, ArtifactRecord>();
  /** One-time download grants for artifact zips. */
  readonly downloads = new Map<string, { artifactId: number; expiresAt: number }>();
  runner: WorkflowRunner | null = null;
  /** GitHub.com answers `return_run_details`; older GitHub Enterprise Server refuses the parameter (422). */
  returnRunDetails = true;

  /** Builds the hook's handle on a run; every change after completion is ignored, as GitHub ignores late steps. */
  control(run: WorkflowRunRecord, htmlUrl: string, nextId: () => number): DispatchedRun {
    const now = () => new Date().toISOString();
    const touch = () => (run.updatedAt = now());
    const live = () => run.status !== 'completed';
    return {
      id: run.id,
      owner: run.owner,
      repo: run.repo,
      workflowFile: run.workflowFile,
      ref: run.ref,
      headSha: run.headSha,
      inputs: run.inputs,
      htmlUrl,
      signal: run.abort.signal,
      start: () => {
        if (!live()) return;
        run.status = 'in_progress';
        run.startedAt = now();
        touch();
      },
      step: (name, conclusion) => {
        if (!live()) return;
        run.steps.push({ name, number: run.steps.length + 1, status: 'completed', conclusion });
      },
      upload: (name, content) => {
        if (!live()) return;
        const zip = Buffer.isBuffer(content) ? content : zipFiles(content);
        const artifact = { id: nextId(), runId: run.id, name, zip, expired: false, createdAt: now() };
        run.artifacts.push(artifact);
        this.artifacts.set(artifact.id, artifact);
      },
      complete: (conclusion) => {
        if (!live()) return;
        if (run.startedAt === null) run.startedAt = now();
        run.status = 'completed';
        run.conclusion = conclusion;
        touch();
      },
    };
  }
}
