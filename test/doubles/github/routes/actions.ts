import { randomBytes } from 'node:crypto';
import type { WorkflowRunRecord } from '../actions-state.js';
import { HttpError, notFound, repoKey, type RepoRecord } from '../model.js';
import { bodyObject, paginate, type RouteRequest, type Router } from '../router.js';
import { userJson } from '../serialize.js';
import type { GitHubState } from '../state.js';
import { acceptInputs, displayTitle, parseWorkflowFile } from '../workflow-file.js';

/**
 * GitHub Actions: workflow_dispatch (inputs checked against the workflow file on the dispatched ref), workflow runs
 * (list with event/created/status filters, get, cancel), jobs with steps, artifacts (list, zip download through a
 * 302 to a one-time URL, as GitHub redirects to blob storage).
 */
export function actionRoutes(router: Router, state: GitHubState): void {
  const actions = state.actions;
  const repoOf = (req: RouteRequest): RepoRecord => state.repo(req.params.owner!, req.params.repo!);
  const R = '/api/v3/repos/:owner/:repo';
  const runUrl = (run: WorkflowRunRecord) => `${state.url}/${run.owner}/${run.repo}/actions/runs/${run.id}`;
  const runOf = (req: RouteRequest): WorkflowRunRecord => {
    const run = actions.runs.get(Number(req.params.id));
    if (run === undefined || run.repoKey !== repoKey(req.params.owner!, req.params.repo!)) throw notFound();
    return run;
  };
  const runJson = (run: WorkflowRunRecord) => ({
    id: run.id,
    name: run.workflowName,
    display_title: run.displayTitle,
    event: 'workflow_dispatch',
    status: run.status,
    conclusion: run.conclusion,
    head_branch: run.ref,
    head_sha: run.headSha,
    path: `.github/workflows/${run.workflowFile}`,
    run_attempt: 1,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.startedAt,
    html_url: runUrl(run),
    url: `${state.url}/api/v3/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`,
    actor: userJson(state, state.bot()),
    triggering_actor: userJson(state, state.bot()),
  });
  const artifactJson = (run: WorkflowRunRecord, a: WorkflowRunRecord['artifacts'][number]) => ({
    id: a.id,
    name: a.name,
    size_in_bytes: a.zip.length,
    expired: a.expired,
    created_at: a.createdAt,
    archive_download_url: `${state.url}/api/v3/repos/${run.owner}/${run.repo}/actions/artifacts/${a.id}/zip`,
    workflow_run: { id: run.id, head_sha: run.headSha },
  });

  router.add('POST', `${R}/actions/workflows/:workflow/dispatches`, (req) => {
    const repo = repoOf(req);
    const body = bodyObject(req);
    if ('return_run_details' in body && !actions.returnRunDetails) {
      throw new HttpError(422, 'Invalid request.\n\n"return_run_details" is not a permitted key.');
    }
    if (typeof body.ref !== 'string' || body.ref === '')
      throw new HttpError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.');
    const headSha = state.resolveCommit(repo, body.ref);
    const file = req.params.workflow!;
    const blob = repo.git.filesAt(headSha).get(`.github/workflows/${file}`);
    if (blob === undefined) throw notFound();
    const workflow = parseWorkflowFile(file, repo.git.blobs.get(blob.sha)!.toString('utf8'));
    const inputs = acceptInputs(workflow, body.inputs);
    const now = new Date().toISOString();
    const run: WorkflowRunRecord = {
      id: state.nextId(),
      repoKey: repoKey(repo.owner, repo.name),
      owner: repo.owner,
      repo: repo.name,
      workflowFile: file,
      workflowName: workflow.name,
      ref: body.ref.replace(/^refs\/heads\//, ''),
      headSha,
      inputs,
      displayTitle: displayTitle(workflow, inputs),
      status: 'queued',
      conclusion: null,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      steps: [],
      artifacts: [],
      abort: new AbortController(),
    };
    actions.runs.set(run.id, run);
    const hook = actions.runner;
    if (hook !== null) {
      const control = actions.control(run, runUrl(run), () => state.nextId());
      // After the response, as GitHub queues the run and answers at once.
      setImmediate(() => {
        Promise.resolve()
          .then(() => hook(control))
          .catch((error: unknown) => {
            console.error('GitHub double: workflow runner hook failed', error);
            control.complete('failure');
          });
      });
    }
    if (body.return_run_details === true) {
      return {
        json: {
          workflow_run_id: run.id,
          run_url: `${state.url}/api/v3/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`,
          html_url: runUrl(run),
        },
      };
    }
    return { status: 204 };
  });

  router.add('GET', `${R}/actions/workflows/:workflow/runs`, (req) => {
    const key = repoKey(repoOf(req).owner, repoOf(req).name);
    const event = req.query.get('event');
    const status = req.query.get('status');
    const created = /^>=(.+)$/.exec(req.query.get('created') ?? '');
    const since = created ? Date.parse(created[1]!) : Number.NEGATIVE_INFINITY;
    const runs = [...actions.runs.values()]
      .filter((r) => r.repoKey === key && r.workflowFile === req.params.workflow)
      .filter((r) => (event === null || event === 'workflow_dispatch') && (status === null || r.status === status))
      .filter((r) => Date.parse(r.createdAt) >= since)
      .sort((a, b) => b.id - a.id)
      .map(runJson);
    const page = paginate(req, state.url, runs);
    return { json: { total_count: runs.length, workflow_runs: page.json }, headers: page.headers ?? {} };
  });

  router.add('GET', `${R}/actions/runs/:id`, (req) => ({ json: runJson(runOf(req)) }));

  router.add('POST', `${R}/actions/runs/:id/cancel`, (req) => {
    const run = runOf(req);
    if (run.status === 'completed') throw new HttpError(409, 'Cannot cancel a workflow run that is completed.');
    run.status = 'completed';
    run.conclusion = 'cancelled';
    run.updatedAt = new Date().toISOString();
    run.abort.abort();
    return { status: 202, json: {} };
  });

  router.add('GET', `${R}/actions/runs/:id/jobs`, (req) => {
    const run = runOf(req);
    const job = {
      id: run.id + 1,
      run_id: run.id,
      name: 'terraform',
      status: run.status,
      conclusion: run.conclusion,
      html_url: `${runUrl(run)}/job/${run.id + 1}`,
      steps: run.steps.map((s) => ({ name: s.name, number: s.number, status: s.status, conclusion: s.conclusion })),
    };
    return { json: { total_count: 1, jobs: [job] } };
  });

  router.add('GET', `${R}/actions/runs/:id/artifacts`, (req) => {
    const run = runOf(req);
    const name = req.query.get('name');
    const found = run.artifacts.filter((a) => name === null || a.name === name).map((a) => artifactJson(run, a));
    return { json: { total_count: found.length, artifacts: found } };
  });

  router.add('GET', `${R}/actions/artifacts/:id/:format`, (req) => {
    const artifact = actions.artifacts.get(Number(req.params.id));
    const run = artifact && actions.runs.get(artifact.runId);
    if (artifact === undefined || run?.repoKey !== repoKey(req.params.owner!, req.params.repo!)) throw notFound();
    if (req.params.format !== 'zip') throw new HttpError(422, 'archive_format must be zip');
    if (artifact.expired) throw new HttpError(410, 'Artifact has expired');
    const token = randomBytes(12).toString('hex');
    actions.downloads.set(token, { artifactId: artifact.id, expiresAt: Date.now() + 60_000 });
    return { status: 302, headers: { location: `${state.url}/_artifacts/${token}` }, raw: '' };
  });

  router.add(
    'GET',
    '/_artifacts/:token',
    (req) => {
      const grant = actions.downloads.get(req.params.token!);
      actions.downloads.delete(req.params.token!);
      if (grant === undefined || grant.expiresAt < Date.now()) throw new HttpError(403, 'Request has expired');
      return { raw: actions.artifacts.get(grant.artifactId)!.zip, contentType: 'application/zip' };
    },
    'none',
  );
}
