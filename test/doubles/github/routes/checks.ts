import {
  notFound,
  repoKey,
  validationFailed,
  type AnnotationRecord,
  type CheckRunRecord,
  type RepoRecord,
} from '../model.js';
import { bodyObject, paginate, type RouteRequest, type Router } from '../router.js';
import { checkRunJson } from '../serialize.js';
import type { GitHubState } from '../state.js';

const LEVELS = ['notice', 'warning', 'failure'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];

/** GitHub's rules for output and annotations: ≤ 50 per request, columns only within one line, title + summary. */
function readOutput(input: Record<string, unknown>): {
  output?: Record<string, unknown>;
  annotations: AnnotationRecord[];
} {
  if (input.output === undefined) return { annotations: [] };
  const output = input.output as Record<string, unknown>;
  if (typeof output.title !== 'string' || typeof output.summary !== 'string') {
    throw validationFailed({ resource: 'CheckRun', code: 'missing_field', field: 'output.title/summary' });
  }
  if (output.summary.length > 65_535 || (typeof output.text === 'string' && output.text.length > 65_535)) {
    throw validationFailed({
      resource: 'CheckRun',
      code: 'custom',
      message: 'output.summary/text is too long (maximum is 65535 characters)',
    });
  }
  const annotations = (output.annotations ?? []) as AnnotationRecord[];
  if (!Array.isArray(annotations))
    throw validationFailed({ resource: 'CheckRun', code: 'invalid', field: 'output.annotations' });
  if (annotations.length > 50) {
    throw validationFailed({
      resource: 'CheckRun',
      code: 'custom',
      message: 'Only 50 annotations may be sent per request',
    });
  }
  for (const a of annotations) {
    const lines =
      Number.isInteger(a.start_line) && Number.isInteger(a.end_line) && a.start_line >= 1 && a.end_line >= a.start_line;
    const columns = a.start_column === undefined && a.end_column === undefined ? true : a.start_line === a.end_line;
    if (
      typeof a.path !== 'string' ||
      !lines ||
      !columns ||
      !LEVELS.includes(a.annotation_level) ||
      typeof a.message !== 'string'
    ) {
      throw validationFailed({
        resource: 'CheckRun',
        code: 'invalid',
        field: 'output.annotations',
        message: JSON.stringify(a).slice(0, 200),
      });
    }
  }
  return { output, annotations };
}

function apply(state: GitHubState, run: CheckRunRecord, input: Record<string, unknown>): void {
  const { output, annotations } = readOutput(input);
  if (input.status !== undefined) {
    if (!['queued', 'in_progress', 'completed'].includes(String(input.status)))
      throw validationFailed({ resource: 'CheckRun', code: 'invalid', field: 'status' });
    run.status = input.status as CheckRunRecord['status'];
  }
  if (input.conclusion !== undefined) {
    if (!CONCLUSIONS.includes(String(input.conclusion)))
      throw validationFailed({ resource: 'CheckRun', code: 'invalid', field: 'conclusion' });
    run.conclusion = String(input.conclusion);
    run.status = 'completed';
    run.completedAt = typeof input.completed_at === 'string' ? input.completed_at : state.now();
  }
  if (run.status === 'completed' && run.conclusion === null) {
    throw validationFailed({ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' });
  }
  if (typeof input.started_at === 'string') run.startedAt = input.started_at;
  if (typeof input.external_id === 'string') run.externalId = input.external_id;
  if (typeof input.details_url === 'string') run.detailsUrl = input.details_url;
  if (typeof input.name === 'string') run.name = input.name;
  if (output !== undefined) {
    run.output = {
      title: String(output.title),
      summary: String(output.summary),
      text: typeof output.text === 'string' ? output.text : run.output.text,
    };
  }
  run.annotations.push(...annotations);
  run.annotationBatches.push(annotations.length);
}

/** Check runs: create and update (annotations appended), read one, list per commit, list annotations. */
export function checkRoutes(router: Router, state: GitHubState): void {
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';
  const runOf = (req: RouteRequest): CheckRunRecord => {
    const repo = repoOf(req);
    const run = state.checkRunRecords.get(Number(req.params.id));
    if (run === undefined || run.repoKey !== repoKey(repo.owner, repo.name)) throw notFound();
    return run;
  };

  router.add('POST', `${R}/check-runs`, (req) => {
    const repo = repoOf(req);
    const input = bodyObject(req);
    if (typeof input.name !== 'string' || input.name === '')
      throw validationFailed({ resource: 'CheckRun', code: 'missing_field', field: 'name' });
    const headSha = String(input.head_sha ?? '');
    if (!repo.git.commits.has(headSha))
      throw validationFailed({
        resource: 'CheckRun',
        code: 'invalid',
        field: 'head_sha',
        message: 'No commit found for SHA: ' + headSha,
      });
    const run: CheckRunRecord = {
      id: state.nextId(),
      repoKey: repoKey(repo.owner, repo.name),
      name: input.name,
      headSha,
      status: 'queued',
      conclusion: null,
      externalId: null,
      detailsUrl: null,
      startedAt: state.now(),
      completedAt: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      annotationBatches: [],
    };
    apply(state, run, input);
    state.checkRunRecords.set(run.id, run);
    return { status: 201, json: checkRunJson(state, run) };
  });
  router.add('PATCH', `${R}/check-runs/:id`, (req) => {
    const run = runOf(req);
    // validate on a copy so a rejected request changes nothing, like GitHub
    const draft: CheckRunRecord = structuredClone(run);
    apply(state, draft, bodyObject(req));
    Object.assign(run, draft);
    return { json: checkRunJson(state, run) };
  });
  router.add('GET', `${R}/check-runs/:id`, (req) => ({ json: checkRunJson(state, runOf(req)) }));
  router.add('GET', `${R}/check-runs/:id/annotations`, (req) => paginate(req, state.url, runOf(req).annotations));
  router.add('GET', `${R}/commits/:ref/check-runs`, (req) => {
    const repo = repoOf(req);
    const sha = state.resolveCommit(repo, req.params.ref);
    const name = req.query.get('check_name');
    const runs = [...state.checkRunRecords.values()].filter(
      (r) => r.repoKey === repoKey(repo.owner, repo.name) && r.headSha === sha && (name === null || r.name === name),
    );
    return { json: { total_count: runs.length, check_runs: runs.reverse().map((r) => checkRunJson(state, r)) } };
  });
}
