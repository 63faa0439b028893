import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  cancelWorkflowRun,
  dispatchWorkflow,
  downloadArtifact,
  failedSteps,
  findDispatchedRun,
  findRunArtifact,
  getWorkflowRun,
} from '../../../src/github/actions.js';
import { GitHubGatewayError } from '../../../src/github/errors.js';
import { readZip } from '../../../src/github/zip-reader.js';
import type { DispatchedRun } from '../../doubles/github/actions-state.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';
import { WORKFLOW } from './support/runner-fixture.js';

let double: GitHubDouble;
const where = { owner: 'acme', repo: 'gateway' };
const inputs = (runId: string) => ({
  stack: 's3-logs',
  action: 'plan',
  sha: 'a'.repeat(40),
  run_id: runId,
  stack_hash: 'b'.repeat(64),
  not_after: '2030-01-01T00:00:00Z',
});

beforeAll(async () => {
  double = await startGitHubDouble();
  double.addRepo({ ...where, files: { '.github/workflows/infra-bot-terraform.yml': WORKFLOW } });
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => {
  double.setWorkflowRunner(null);
  double.setReturnRunDetails(true);
  double.clearRequests();
});

const dispatch = (runId: string, extra: Record<string, string> = {}) =>
  dispatchWorkflow(testOctokit(double), {
    ...where,
    workflow: 'infra-bot-terraform.yml',
    ref: 'main',
    inputs: { ...inputs(runId), ...extra },
  });

const failure = async (promise: Promise<unknown>): Promise<GitHubGatewayError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GitHubGatewayError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('Actions gateway against the double', () => {
  it('dispatch › returns the run id; the run carries the inputs with defaults and its run-name', async () => {
    const { runId, htmlUrl } = await dispatch('corr0000000000000001');
    const run = await getWorkflowRun(testOctokit(double), { ...where, runId: runId! });
    expect(run).toEqual({
      id: runId,
      status: 'queued',
      conclusion: null,
      htmlUrl,
      displayTitle: 'infra-bot plan s3-logs [corr0000000000000001]',
    });
    expect(double.workflowRuns('acme', 'gateway').at(-1)!.inputs).toMatchObject({ destroy: 'false', stack_json: '' });
  });

  it('dispatch without return_run_details support › retried plainly; the run is found by its marker', async () => {
    double.setReturnRunDetails(false);
    const since = new Date(Date.now() - 1000);
    expect(await dispatch('corr0000000000000002')).toEqual({});
    expect(double.requests.filter((r) => r.path.endsWith('/dispatches')).map((r) => r.status)).toEqual([422, 204]);
    const found = await findDispatchedRun(testOctokit(double), {
      ...where,
      workflow: 'infra-bot-terraform.yml',
      since,
      marker: '[corr0000000000000002]',
    });
    expect(found?.displayTitle).toBe('infra-bot plan s3-logs [corr0000000000000002]');
    expect(
      await findDispatchedRun(testOctokit(double), {
        ...where,
        workflow: 'infra-bot-terraform.yml',
        since,
        marker: '[nope]',
      }),
    ).toBeUndefined();
  });

  it.each([
    ['an action the workflow does not offer', { action: 'deploy' }, /not in the list of allowed values/],
    ['an input it does not declare', { surprise: 'x' }, /Unexpected inputs provided: \["surprise"\]/],
    ['inputs over 65,535 characters', { stack_json: 'x'.repeat(70_000) }, /inputs are too large/],
  ])('dispatch with %s › validation_failed', async (_name, extra, message) => {
    const error = await failure(dispatch('corr0000000000000003', extra));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(message);
  });

  it('dispatch of a workflow that is not there › not_found', async () => {
    const error = await failure(
      dispatchWorkflow(testOctokit(double), { ...where, workflow: 'missing.yml', ref: 'main', inputs: {} }),
    );
    expect(error.code).toBe('not_found');
  });

  it('cancel › true while running, false once completed', async () => {
    let held: DispatchedRun | undefined;
    double.setWorkflowRunner((run) => {
      run.start();
      held = run;
    });
    const { runId } = await dispatch('corr0000000000000004');
    expect(await cancelWorkflowRun(testOctokit(double), { ...where, runId: runId! })).toBe(true);
    expect(await getWorkflowRun(testOctokit(double), { ...where, runId: runId! })).toMatchObject({
      status: 'completed',
      conclusion: 'cancelled',
    });
    expect(held?.signal.aborted).toBe(true);
    expect(await cancelWorkflowRun(testOctokit(double), { ...where, runId: runId! })).toBe(false);
  });

  it('failed steps, artifacts and their download through a one-time redirect', async () => {
    double.setWorkflowRunner((run) => {
      run.start();
      run.step('Terraform', 'failure');
      run.upload('infra-bot-x', { 'result.json': '{"ok":false}' });
      run.complete('failure');
    });
    const { runId } = await dispatch('corr0000000000000005');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const octokit = testOctokit(double);
    expect(await failedSteps(octokit, { ...where, runId: runId! })).toEqual(['terraform › Terraform']);
    expect(await findRunArtifact(octokit, { ...where, runId: runId!, name: 'other' })).toBeUndefined();
    const artifact = await findRunArtifact(octokit, { ...where, runId: runId!, name: 'infra-bot-x' });
    const zip = await downloadArtifact(octokit, { ...where, artifactId: artifact!.id, maxBytes: 10_000 });
    expect(readZip(zip, { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1000 })[0]!.content.toString()).toBe(
      '{"ok":false}',
    );
    expect(double.requests.filter((r) => r.path.includes('/actions/artifacts/')).map((r) => `${r.status}`)).toEqual([
      '302',
    ]);
    expect(double.requests.filter((r) => r.path.startsWith('/_artifacts/')).map((r) => r.status)).toEqual([200]);

    const capped = await failure(downloadArtifact(octokit, { ...where, artifactId: artifact!.id, maxBytes: 10 }));
    expect(capped.message).toMatch(/larger than 10 bytes/);
  });
});
