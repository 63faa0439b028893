// GitHub Actions REST calls the Actions runner needs: dispatch a workflow, find and watch its run, cancel it, list the
// steps that failed, and download the run's artifact (a zip, through a redirect to short-lived storage).
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { callGitHub, GitHubGatewayError, statusOf } from './errors.js';
import type { GitHubClient } from './octokit.js';

export interface WorkflowRun {
  id: number;
  /** queued, waiting, requested, pending, in_progress, completed */
  status: string;
  /** success, failure, cancelled, timed_out, startup_failure, action_required, … (null until completed) */
  conclusion: string | null;
  htmlUrl: string;
  displayTitle: string;
}

interface Repo {
  owner: string;
  repo: string;
}

// Routes typed as plain strings: octokit's generated types predate `return_run_details` (February 2026).
const DISPATCH: string = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';

const toRun = (data: unknown): WorkflowRun => {
  const run = data as Record<string, unknown>;
  return {
    id: Number(run.id),
    status: String(run.status),
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    htmlUrl: String(run.html_url),
    displayTitle: String(run.display_title ?? ''),
  };
};

/**
 * Creates a workflow_dispatch event. Asks for the new run's id (`return_run_details`); GitHub versions that refuse
 * the parameter get the plain request, and the run id is then undefined (find the run by its name instead).
 */
export async function dispatchWorkflow(
  octokit: GitHubClient,
  params: Repo & { workflow: string; ref: string; inputs: Record<string, string> },
): Promise<{ runId?: number; htmlUrl?: string }> {
  const { owner, repo, workflow, ref, inputs } = params;
  const operation = `dispatch workflow ${workflow} on ${owner}/${repo}@${ref}`;
  const base = { owner, repo, workflow_id: workflow, ref, inputs };
  const response = await callGitHub(operation, async () => {
    try {
      return await octokit.request(DISPATCH, { ...base, return_run_details: true });
    } catch (error) {
      const status = statusOf(error);
      if ((status === 400 || status === 422) && /return_run_details/.test((error as Error).message)) {
        return octokit.request(DISPATCH, base);
      }
      throw error;
    }
  });
  const data = (response.data ?? {}) as Record<string, unknown>;
  return typeof data.workflow_run_id === 'number'
    ? { runId: data.workflow_run_id, ...(typeof data.html_url === 'string' && { htmlUrl: data.html_url }) }
    : {};
}

/** The newest workflow_dispatch run of `workflow` created since `since` whose name contains `marker`. */
export async function findDispatchedRun(
  octokit: GitHubClient,
  params: Repo & { workflow: string; since: Date; marker: string },
): Promise<WorkflowRun | undefined> {
  const { owner, repo, workflow, since, marker } = params;
  const { data } = await callGitHub(`list runs of ${workflow} on ${owner}/${repo}`, () =>
    octokit.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      owner,
      repo,
      workflow_id: workflow,
      event: 'workflow_dispatch',
      created: `>=${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      per_page: 100,
    }),
  );
  const found = data.workflow_runs.find((run) => (run.display_title ?? '').includes(marker));
  return found === undefined ? undefined : toRun(found);
}

export async function getWorkflowRun(octokit: GitHubClient, params: Repo & { runId: number }): Promise<WorkflowRun> {
  const { owner, repo, runId } = params;
  const { data } = await callGitHub(`get workflow run ${runId} of ${owner}/${repo}`, () =>
    octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { owner, repo, run_id: runId }),
  );
  return toRun(data);
}

/** Asks GitHub to cancel a run; false when it had already completed (409). */
export async function cancelWorkflowRun(octokit: GitHubClient, params: Repo & { runId: number }): Promise<boolean> {
  const { owner, repo, runId } = params;
  try {
    await callGitHub(`cancel workflow run ${runId} of ${owner}/${repo}`, () =>
      octokit.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', { owner, repo, run_id: runId }),
    );
    return true;
  } catch (error) {
    if (error instanceof GitHubGatewayError && error.code === 'conflict') return false;
    throw error;
  }
}

/** "job › step" for each step that failed or timed out, to explain a run that left no result behind. */
export async function failedSteps(octokit: GitHubClient, params: Repo & { runId: number }): Promise<string[]> {
  const { owner, repo, runId } = params;
  const { data } = await callGitHub(`list jobs of workflow run ${runId} of ${owner}/${repo}`, () =>
    octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
      owner,
      repo,
      run_id: runId,
      per_page: 100,
    }),
  );
  return data.jobs.flatMap((job) =>
    (job.steps ?? [])
      .filter((step) => step.conclusion === 'failure' || step.conclusion === 'timed_out')
      .map((step) => `${job.name} › ${step.name}`),
  );
}

export interface ArtifactInfo {
  id: number;
  sizeInBytes: number;
  expired: boolean;
}

export async function findRunArtifact(
  octokit: GitHubClient,
  params: Repo & { runId: number; name: string },
): Promise<ArtifactInfo | undefined> {
  const { owner, repo, runId, name } = params;
  const { data } = await callGitHub(`list artifacts of workflow run ${runId} of ${owner}/${repo}`, () =>
    octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', {
      owner,
      repo,
      run_id: runId,
      name,
      per_page: 100,
    }),
  );
  const found = data.artifacts.find((artifact) => artifact.name === name);
  return found === undefined ? undefined : { id: found.id, sizeInBytes: found.size_in_bytes, expired: found.expired };
}

function toNodeStream(data: unknown, operation: string): Readable {
  if (data instanceof Readable) return data;
  if (Buffer.isBuffer(data)) return Readable.from([data]);
  if (data instanceof ArrayBuffer) return Readable.from([Buffer.from(data)]);
  if (data !== null && typeof data === 'object' && 'getReader' in data) {
    return Readable.fromWeb(data as WebReadableStream<Uint8Array>);
  }
  throw new GitHubGatewayError('unexpected', operation, 'response has no body');
}

/** The artifact's zip, read as a stream and refused once it passes `maxBytes`. */
export async function downloadArtifact(
  octokit: GitHubClient,
  params: Repo & { artifactId: number; maxBytes: number },
): Promise<Buffer> {
  const { owner, repo, artifactId, maxBytes } = params;
  const operation = `download artifact ${artifactId} of ${owner}/${repo}`;
  const response = await callGitHub(operation, () =>
    octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      owner,
      repo,
      artifact_id: artifactId,
      archive_format: 'zip',
      request: { parseSuccessResponseBody: false },
    }),
  );
  const body = toNodeStream(response.data, operation);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes)
        throw new GitHubGatewayError('unexpected', operation, `artifact is larger than ${maxBytes} bytes`);
      chunks.push(Buffer.from(chunk as Buffer));
    }
  } catch (error) {
    if (error instanceof GitHubGatewayError) throw error;
    throw new GitHubGatewayError('network', operation, `download failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks);
}
