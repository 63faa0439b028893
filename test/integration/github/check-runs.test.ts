import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  completeCheckRun,
  createCheckRun,
  diagnosticsToAnnotations,
  type Annotation,
} from '../../../src/github/check-runs.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

let double: GitHubDouble;
let sha: string;
beforeAll(async () => {
  double = await startGitHubDouble();
  sha = double.addRepo({ owner: 'acme', repo: 'infra', files: { 'infra-specs/a.yaml': 'x' } });
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => double.clearRequests());

const diagnostics = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    file: `infra-specs/s${i}.yaml`,
    line: i + 1,
    column: 3,
    message: `problem ${i}`,
  }));

describe('check runs', () => {
  it('create › starts an in-progress run on the head commit and returns its id', async () => {
    const id = await createCheckRun(testOctokit(double), {
      owner: 'acme',
      repo: 'infra',
      name: 'infra-bot/validate',
      headSha: sha,
      status: 'in_progress',
      externalId: 'job-1',
    });
    const [run] = double.checkRuns('acme', 'infra', sha).filter((r) => r.id === id);
    expect(run).toMatchObject({
      name: 'infra-bot/validate',
      status: 'in_progress',
      externalId: 'job-1',
      conclusion: null,
    });
  });

  it('120 diagnostics › are sent in 3 requests of at most 50, the conclusion only with the last', async () => {
    const octokit = testOctokit(double);
    const id = await createCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      name: 'validate-many',
      headSha: sha,
      status: 'in_progress',
    });
    double.clearRequests();

    const requests = await completeCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      checkRunId: id,
      conclusion: 'failure',
      output: { title: '120 problems', summary: 'Fix the specs' },
      annotations: diagnosticsToAnnotations(diagnostics(120)),
    });

    expect(requests).toBe(3);
    const patches = double.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(3);
    const bodies = patches.map(
      (r) => r.body as { conclusion?: string; status?: string; output: { annotations: Annotation[] } },
    );
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([50, 50, 20]);
    expect(bodies.map((b) => b.conclusion)).toEqual([undefined, undefined, 'failure']);
    const run = double.checkRuns('acme', 'infra', sha).find((r) => r.id === id)!;
    expect(run.status).toBe('completed');
    expect(run.annotations).toHaveLength(120);
    expect(run.annotations[119]).toMatchObject({
      path: 'infra-specs/s119.yaml',
      start_line: 120,
      start_column: 3,
      annotation_level: 'failure',
    });
  });

  it('no annotations › completes in a single request', async () => {
    const octokit = testOctokit(double);
    const id = await createCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      name: 'validate-clean',
      headSha: sha,
      status: 'in_progress',
    });
    const requests = await completeCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      checkRunId: id,
      conclusion: 'success',
      output: { title: 'All specs valid', summary: '3 specs' },
      annotations: [],
    });
    expect(requests).toBe(1);
    expect(double.checkRuns('acme', 'infra', sha).find((r) => r.id === id)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
    });
  });

  it('multi-line annotations › never carry columns (GitHub rejects them)', async () => {
    const octokit = testOctokit(double);
    const id = await createCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      name: 'validate-span',
      headSha: sha,
      status: 'in_progress',
    });
    await completeCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      checkRunId: id,
      conclusion: 'failure',
      output: { title: 't', summary: 's' },
      annotations: [
        {
          path: 'a.yaml',
          start_line: 2,
          end_line: 5,
          start_column: 1,
          end_column: 4,
          annotation_level: 'warning',
          message: 'span',
        },
      ],
    });
    expect(double.checkRuns('acme', 'infra', sha).find((r) => r.id === id)!.annotations).toEqual([
      { path: 'a.yaml', start_line: 2, end_line: 5, annotation_level: 'warning', message: 'span' },
    ]);
  });

  it('beyond maxAnnotations › annotates the first ones and says how many more there are', async () => {
    const octokit = testOctokit(double);
    const id = await createCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      name: 'validate-cap',
      headSha: sha,
      status: 'in_progress',
    });
    await completeCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      checkRunId: id,
      conclusion: 'failure',
      output: { title: 't', summary: 'Fix these' },
      annotations: diagnosticsToAnnotations(diagnostics(60)),
      maxAnnotations: 50,
    });
    const run = double.checkRuns('acme', 'infra', sha).find((r) => r.id === id)!;
    expect(run.annotations).toHaveLength(50);
    expect(run.output.summary).toBe('Fix these\n\n10 more problems are not annotated.');
  });

  it('a failing update › is a gateway error, and the double enforces GitHub’s 50-per-request limit', async () => {
    const octokit = testOctokit(double);
    const id = await createCheckRun(octokit, {
      owner: 'acme',
      repo: 'infra',
      name: 'validate-limit',
      headSha: sha,
      status: 'in_progress',
    });
    const tooMany = diagnosticsToAnnotations(diagnostics(51));
    await expect(
      octokit.rest.checks.update({
        owner: 'acme',
        repo: 'infra',
        check_run_id: id,
        output: { title: 't', summary: 's', annotations: tooMany },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      completeCheckRun(octokit, {
        owner: 'acme',
        repo: 'infra',
        checkRunId: 999_999,
        conclusion: 'success',
        output: { title: 't', summary: 's' },
        annotations: [],
      }),
    ).rejects.toMatchObject({
      name: 'GitHubGatewayError',
      code: 'not_found',
      operation: expect.stringContaining('update check run 999999'),
    });
  });
});
