import { normalizeAnnotation, truncate, type Annotation } from './annotations.js';
import { callGitHub } from './errors.js';
import type { GitHubClient } from './octokit.js';

export { diagnosticsToAnnotations, type Annotation, type Diagnostic } from './annotations.js';

/** GitHub takes at most 50 annotations per create/update request; each update appends to the earlier ones. */
export const ANNOTATIONS_PER_REQUEST = 50;
const MAX_OUTPUT_TEXT = 65_535;

export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface CreateCheckRunParams {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  status: 'in_progress' | 'queued';
  externalId?: string;
  detailsUrl?: string;
}

export async function createCheckRun(octokit: GitHubClient, params: CreateCheckRunParams): Promise<number> {
  const { owner, repo, name, headSha, status, externalId, detailsUrl } = params;
  const { data } = await callGitHub(`create check run "${name}" on ${owner}/${repo}@${headSha}`, () =>
    octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: headSha,
      status,
      ...(status === 'in_progress' ? { started_at: new Date().toISOString() } : {}),
      ...(externalId === undefined ? {} : { external_id: externalId }),
      ...(detailsUrl === undefined ? {} : { details_url: detailsUrl }),
    }),
  );
  return data.id;
}

export interface CompleteCheckRunParams {
  owner: string;
  repo: string;
  checkRunId: number;
  conclusion: CheckConclusion;
  output: { title: string; summary: string; text?: string };
  annotations: Annotation[];
  /** Requests are bounded: past this many annotations the rest are counted in the summary instead. */
  maxAnnotations?: number;
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

/**
 * Sends the annotations 50 per request and the conclusion with the last request only, so that nothing that reads
 * the check (branch protection, a human) sees it completed while its annotations are still arriving.
 * Returns how many update requests were made.
 */
export async function completeCheckRun(octokit: GitHubClient, params: CompleteCheckRunParams): Promise<number> {
  const { owner, repo, checkRunId, conclusion } = params;
  const limit = params.maxAnnotations ?? 1000;
  const shown = params.annotations.slice(0, limit).map(normalizeAnnotation);
  const hidden = params.annotations.length - shown.length;
  const summary =
    hidden > 0 ? `${params.output.summary}\n\n${hidden} more problems are not annotated.` : params.output.summary;
  const output = {
    title: params.output.title,
    summary: truncate(summary, MAX_OUTPUT_TEXT),
    ...(params.output.text === undefined ? {} : { text: truncate(params.output.text, MAX_OUTPUT_TEXT) }),
  };
  const chunks = batches(shown, ANNOTATIONS_PER_REQUEST);
  for (const [index, chunk] of chunks.entries()) {
    const last = index === chunks.length - 1;
    await callGitHub(`update check run ${checkRunId} on ${owner}/${repo} (${index + 1}/${chunks.length})`, () =>
      octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: checkRunId,
        output: { ...output, annotations: chunk },
        ...(last ? { conclusion, completed_at: new Date().toISOString() } : { status: 'in_progress' as const }),
      }),
    );
  }
  return chunks.length;
}
