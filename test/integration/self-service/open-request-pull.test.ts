import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CardMoveDeps } from '../../../src/workflow/project-board.js';
import type { EnqueueInput, Job } from '../../../src/store/store.js';
import { claimRequestBranch, openRequestPull } from '../../../src/workflow/self-service/open-request-pull.js';
import { requestCommitMessage, type RequestKey } from '../../../src/workflow/self-service/request-branch.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';

const OWNER = 'acme';
const REPO = 'infra';

describe('self-service › the PR of an issue request', () => {
  let double: GitHubDouble;
  let base: string;
  const enqueued: EnqueueInput[] = [];
  const services: CardMoveDeps = {
    store: {
      enqueue: async (input) => {
        enqueued.push(input);
        const now = new Date();
        const job: Job = {
          id: String(enqueued.length),
          kind: input.kind,
          payload: input.payload,
          status: 'queued',
          runAt: now,
          retryPolicy: input.retryPolicy,
          attempts: 0,
          maxAttempts: 5,
          createdAt: now,
          updatedAt: now,
        };
        return job;
      },
    },
    notifyWorker: () => undefined,
  };

  beforeAll(async () => {
    double = await startGitHubDouble();
    base = double.addRepo({ owner: OWNER, repo: REPO, files: { 'README.md': 'hi\n' } });
  });
  afterAll(async () => double.close());

  const key = (name: string, issue = 5): RequestKey => ({ owner: OWNER, repo: REPO, command: 'new', issue, name });
  const open = (k: RequestKey, content = 'x: 1\n') =>
    openRequestPull(services, testOctokit(double), {
      installationId: 1,
      key: k,
      base: { branch: 'main', sha: base },
      files: [{ path: `infra-specs/${k.name}.yaml`, content }],
      title: `Add ${k.name}`,
      body: 'Adds it.',
      commitSubject: `Add ${k.name}`,
      commitBody: 'Requested by @bruce.',
    });

  it('opens the PR (Closes #issue, marker), queues its card; a second run finds it and opens nothing', async () => {
    const first = await open(key('alpha'));
    expect(first).toMatchObject({ branch: 'infra-bot/new/5-alpha', created: true });
    const pull = double.pulls(OWNER, REPO).find((p) => p.number === first.number)!;
    expect(pull.body).toContain('<!-- infra-bot:request acme/infra#5 new alpha -->');
    expect(pull.body).toContain('Closes #5');
    expect(double.commitOf(OWNER, REPO, pull.headSha)?.message).toContain('Infra-Bot-Request: acme/infra#5 new alpha');
    expect(enqueued).toContainEqual(
      expect.objectContaining({
        kind: 'project.move',
        payload: expect.objectContaining({ pr: first.number, column: 'planned' }),
      }),
    );

    const again = await open(key('alpha'), 'x: 2\n');
    expect(again).toMatchObject({ number: first.number, created: false });
    expect(double.readFile(OWNER, REPO, 'infra-bot/new/5-alpha', 'infra-specs/alpha.yaml')).toBe('x: 1\n');
  });

  it('an interrupted run left our branch without a PR › the branch is reused and the PR opened', async () => {
    const k = key('beta');
    double.commit(
      OWNER,
      REPO,
      'infra-bot/new/5-beta',
      { 'infra-specs/beta.yaml': 'x: 1\n' },
      requestCommitMessage(k, 'Add beta', 'b'),
    );
    const result = await open(k);
    expect(result).toMatchObject({ branch: 'infra-bot/new/5-beta', created: true });
  });

  it('a branch with a closed PR, or somebody else’s commits › the next suffix; theirs is untouched', async () => {
    const closed = await open(key('gamma'));
    double.closePull(OWNER, REPO, closed.number);
    const reopened = await open(key('gamma'));
    expect(reopened.branch).toBe('infra-bot/new/5-gamma-2');

    const sha = double.commit(OWNER, REPO, 'infra-bot/new/5-delta', { 'mine.txt': 'mine\n' }, 'My own work');
    const result = await open(key('delta'));
    expect(result.branch).toBe('infra-bot/new/5-delta-2');
    expect(double.branches(OWNER, REPO)['infra-bot/new/5-delta']).toBe(sha);
  });

  it('claimRequestBranch (no PR) › a new branch, then the same one again when it is ours', async () => {
    const k = { ...key('2030-01-01'), command: 'access-review' };
    const first = await claimRequestBranch(testOctokit(double), k, base);
    expect(first).toEqual({ branch: 'infra-bot/access-review/5-2030-01-01', head: base });
    double.commit(OWNER, REPO, first.branch, { 'reports/r.md': 'r\n' }, requestCommitMessage(k, 'Report', 'r'));
    const second = await claimRequestBranch(testOctokit(double), k, base);
    expect(second.branch).toBe(first.branch);
    expect(second.head).not.toBe(base);
  });
});
