import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PermanentJobError, TerraformRunError } from '../../../src/jobs/errors.js';
import { encodeApprovalValue } from '../../../src/approval/approval-value.js';
import { SlackApiError } from '../../../src/slack/slack-errors.js';
import { RETRY_SLOT_MS, sweepDeadlines } from '../../../src/workflow/expiry/sweep-deadlines.js';
import { JOB_KINDS } from '../../../src/workflow/job-kinds.js';
import { testOctokit } from '../../doubles/github/test-octokit.js';
import type { JobKind } from '../../../src/workflow/job-kinds.js';
import { CHANNEL, OWNER, OWNER_EMAIL, REPO, startReportBench } from './support/report-fixture.js';
import type { ReportBench } from './support/report-fixture.js';

const SPEC = 'S3Bucket/logs';
const DAY = 86_400_000;

describe('failure reports › every job kind that fails for good is visible and counted', () => {
  let b: ReportBench;
  beforeEach(async () => {
    b = await startReportBench();
    await b.store.scheduleDeadline({
      repo: `${OWNER}/${REPO}`,
      specKey: SPEC,
      stack: 's3-logs',
      dueAt: new Date(b.clock.now().getTime() - 60_000),
      owner: OWNER_EMAIL,
      reminders: [],
    });
  });
  afterEach(async () => b.close());

  const target = () => ({ installationId: 1, owner: OWNER, repo: REPO });
  const prComments = () => b.github.comments(OWNER, REPO, b.pr).map((c) => c.body);
  const problemIssue = async (key: string) => {
    const ids = await b.store.getCommentIds({ repo: `${OWNER}/${REPO}`, issue: 0, purpose: `problem-issue:${key}` });
    if (!ids?.[0]) return undefined;
    const issue = b.github.issuePayload(OWNER, REPO, ids[0]) as { title: string; body: string; number: number };
    return { ...issue, comments: b.github.comments(OWNER, REPO, ids[0]).map((c) => c.body) };
  };

  /** Per kind: a payload, and where a person sees the failure of job `id`. A Record: a new kind must be added. */
  const CASES: Record<JobKind, { payload: () => unknown; seen: (id: string) => Promise<string[]> }> = {
    [JOB_KINDS.evaluatePullRequest]: {
      payload: () => ({
        ...target(),
        pr: b.pr,
        headSha: b.headSha,
        baseSha: 'x',
        baseRef: 'main',
        author: 'bruce',
        title: 't',
        trigger: 'opened',
      }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.closePullRequest]: {
      payload: () => ({ ...target(), pr: b.pr, merged: false, headSha: b.headSha }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.runCommand]: {
      payload: () => ({
        ...target(),
        number: b.pr,
        isPullRequest: true,
        commentId: 5,
        body: '/infra plan',
        sender: { login: 'bruce', type: 'User' },
      }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.requestApproval]: {
      payload: () => ({
        ...target(),
        pr: b.pr,
        title: 't',
        url: 'u',
        author: 'bruce',
        headSha: b.headSha,
        planIds: ['1'],
        stacks: [],
        intentSummary: '',
        expiries: [],
        channel: CHANNEL,
        required: 1,
      }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.handleApprovalClick]: {
      payload: () => ({
        action: 'approve',
        value: encodeApprovalValue({ repo: `${OWNER}/${REPO}`, pr: b.pr, headSha: b.headSha, planIds: ['1'] }),
        slackUserId: 'U0ADA0001',
        channelId: CHANNEL,
        actionTs: '1700000000.000100',
      }),
      seen: async () => [...b.slack.ephemerals.map((e) => `slack: ${e.text}`), ...prComments()],
    },
    [JOB_KINDS.moveCard]: {
      payload: () => ({ ...target(), pr: b.pr, nodeId: 'PR_1', column: 'planned' }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.applyPullRequest]: {
      payload: () => ({
        ...target(),
        pr: b.pr,
        headSha: b.headSha,
        sourceSha: b.headSha,
        mode: 'merge',
        requestedBy: 'bruce',
      }),
      seen: async () => prComments(),
    },
    [JOB_KINDS.expireSpec]: {
      payload: () => ({ deadlineId: '1', repo: `${OWNER}/${REPO}`, specKey: SPEC }),
      seen: async () => [
        (await problemIssue(`expiry:${SPEC}`))?.body ?? '',
        ...b.slack.messages(CHANNEL).map((m) => m.text),
      ],
    },
    [JOB_KINDS.remindExpiry]: {
      payload: () => ({ deadlineId: '1', repo: `${OWNER}/${REPO}`, specKey: SPEC, reminderId: '1' }),
      seen: async () => [(await problemIssue(`reminder:${SPEC}`))?.body ?? ''],
    },
    [JOB_KINDS.checkDrift]: {
      payload: () => target(),
      seen: async () => [(await problemIssue('drift-check'))?.body ?? ''],
    },
  };

  it.each(Object.values(JOB_KINDS))('%s: a message naming the job, an audit entry, the metric', async (kind) => {
    const job = b.job(kind, CASES[kind].payload(), 3);
    await b.reporter.failed(job, new PermanentJobError('the payload is broken'));
    const seen = await CASES[kind].seen(job.id);
    expect(seen.some((text) => text.includes(`job ${job.id}`) && text.includes('infra-bot could not'))).toBe(true);
    expect(await b.failedCount(kind, 'bug')).toBe(1);
    expect(await b.reportFailures(kind)).toBe(0);
    const audit = await b.store.listAudit({ action: 'job-failed' });
    expect(audit).toContainEqual(
      expect.objectContaining({
        outcome: expect.stringContaining(kind),
        detail: expect.objectContaining({ jobId: job.id, category: 'bug' }),
      }),
    );
  });
});

describe('failure reports › configuration problems, retries of the report, expiry', () => {
  let b: ReportBench;
  beforeEach(async () => {
    b = await startReportBench();
  });
  afterEach(async () => b.close());

  const approvalPayload = () => ({
    installationId: 1,
    owner: OWNER,
    repo: REPO,
    pr: b.pr,
    title: 't',
    url: 'u',
    author: 'bruce',
    headSha: b.headSha,
    planIds: ['1'],
    stacks: [],
    intentSummary: '',
    expiries: [],
    channel: CHANNEL,
    required: 1,
  });

  it('an approval request Slack refuses (not_in_channel): once on the PR with what to fix, the approval status says so', async () => {
    const error = new SlackApiError('not_in_channel', 'chat.postMessage', 'Slack answered "not_in_channel"', false);
    await b.reporter.failed(b.job(JOB_KINDS.requestApproval, approvalPayload()), error);
    await b.reporter.failed(b.job(JOB_KINDS.requestApproval, approvalPayload()), error);
    const comments = b.github.comments(OWNER, REPO, b.pr).map((c) => c.body);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`could not deliver the approval request of this pull request to Slack (${CHANNEL})`);
    expect(comments[0]).toContain(`invite @infra-bot to ${CHANNEL}`);
    expect(comments[0]).toContain('not retried');
    const statuses = b.github.statuses(OWNER, REPO, b.headSha) as Array<{
      context: string;
      state: string;
      description: string;
    }>;
    expect(statuses).toContainEqual(
      expect.objectContaining({
        context: 'infra-bot/approval',
        state: 'pending',
        description: expect.stringContaining('slack:not_in_channel'),
      }),
    );
    expect(await b.failedCount(JOB_KINDS.requestApproval, 'config')).toBe(2);
    expect(await b.store.listAudit({ action: 'job-failed' })).toHaveLength(2);
  });

  it('transient Slack errors that ran out of retries are reported with the attempts', async () => {
    const error = new SlackApiError('ratelimited', 'chat.postMessage', 'rate limited', true, 429);
    await b.reporter.failed(b.job(JOB_KINDS.requestApproval, approvalPayload(), 10), error);
    const [comment] = b.github.comments(OWNER, REPO, b.pr).map((c) => c.body);
    expect(comment).toContain('kept failing after 10 attempts');
    expect(await b.failedCount(JOB_KINDS.requestApproval, 'transient')).toBe(1);
  });

  it('a report GitHub refuses once is tried again; one it keeps refusing is logged and counted', async () => {
    const payload = { installationId: 1, owner: OWNER, repo: REPO, pr: b.pr, nodeId: 'PR_1', column: 'planned' };
    b.github.failNext({ method: 'POST', pathPattern: `/issues/${b.pr}/comments`, status: 403, times: 1 });
    await b.reporter.failed(b.job(JOB_KINDS.moveCard, payload), new Error('boom'));
    expect(b.github.comments(OWNER, REPO, b.pr)).toHaveLength(1);
    expect(await b.reportFailures(JOB_KINDS.moveCard)).toBe(0);

    b.github.failNext({ method: 'POST', pathPattern: `/issues/${b.pr}/comments`, status: 403, times: 10 });
    const closed = { installationId: 1, owner: OWNER, repo: REPO, pr: b.pr, merged: true, headSha: b.headSha };
    await b.reporter.failed(b.job(JOB_KINDS.closePullRequest, closed), new Error('boom'));
    expect(await b.reportFailures(JOB_KINDS.closePullRequest)).toBe(1);
    expect(b.log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'reporting a failed pr.closed job failed' }),
    );
    // The audit entry does not depend on GitHub.
    expect(await b.store.listAudit({ action: 'job-failed' })).toHaveLength(2);
  });

  it('a plan that failed for good also completes the plan check as failed', async () => {
    const payload = {
      installationId: 1,
      owner: OWNER,
      repo: REPO,
      pr: b.pr,
      headSha: b.headSha,
      baseSha: 'x',
      baseRef: 'main',
      author: 'bruce',
      title: 't',
      trigger: 'opened',
    };
    await b.reporter.failed(b.job(JOB_KINDS.evaluatePullRequest, payload, 5), new Error('boom'));
    const runs = b.github.checkRuns(OWNER, REPO, b.headSha) as Array<{
      name: string;
      status: string;
      conclusion: string;
    }>;
    expect(runs).toContainEqual(
      expect.objectContaining({ name: 'infra-bot / plan', status: 'completed', conclusion: 'failure' }),
    );
  });

  it('an apply interrupted by a crash: the PR is told it may be partly applied, audited as job-interrupted', async () => {
    const payload = {
      installationId: 1,
      owner: OWNER,
      repo: REPO,
      pr: b.pr,
      headSha: b.headSha,
      sourceSha: b.headSha,
      mode: 'merge',
      requestedBy: 'bruce',
    };
    const job = b.job(JOB_KINDS.applyPullRequest, payload);
    await b.reporter.interrupted(job);
    const [comment] = b.github.comments(OWNER, REPO, b.pr).map((c) => c.body);
    expect(comment).toContain(`was stopped while it was applying this pull request (job ${job.id})`);
    expect(comment).toContain('partly applied');
    expect(await b.store.listAudit({ action: 'job-interrupted' })).toHaveLength(1);
    expect(await b.failedCount(JOB_KINDS.applyPullRequest, 'transient')).toBe(1);
  });

  it('the sweeper queues a due deadline once per hour slot; a new slot replaces a job still waiting to retry', async () => {
    const repo = `${OWNER}/${REPO}`;
    const dueAt = new Date(b.clock.now().getTime() - 60_000);
    await b.store.scheduleDeadline({ repo, specKey: SPEC, stack: 's3-logs', dueAt, reminders: [] });
    const queued = async () => {
      await sweepDeadlines(b.services);
      return (await b.store.listJobs({ kind: JOB_KINDS.expireSpec })).filter((job) => job.status === 'queued');
    };
    const [first] = await queued();
    expect(await queued()).toEqual([expect.objectContaining({ id: first!.id })]);
    b.clock.advance(RETRY_SLOT_MS);
    const [second, ...more] = await queued();
    expect(more).toHaveLength(0);
    expect(second!.id).not.toBe(first!.id);
    expect(await b.store.getJob(first!.id)).toMatchObject({ status: 'superseded' });
    expect(second).toMatchObject({ concurrencyKey: expect.stringContaining('deadline:') });
  });

  it('a reminder with nowhere to go is reported once; one Slack keeps failing is reported each day', async () => {
    const repo = `${OWNER}/${REPO}`;
    const dueAt = new Date(b.clock.now().getTime() + 3 * DAY);
    await b.store.scheduleDeadline({ repo, specKey: SPEC, stack: 's3-logs', dueAt, reminders: [] });
    const payload = { deadlineId: '1', repo, specKey: SPEC, reminderId: '1' };
    const nowhere = new PermanentJobError('nowhere to go', { category: 'config', fix: 'configure Slack' });
    const issueOf = async () =>
      (await b.store.getCommentIds({ repo, issue: 0, purpose: `problem-issue:reminder:${SPEC}` }))![0]!;
    await b.reporter.failed(b.job(JOB_KINDS.remindExpiry, payload), nowhere);
    b.clock.advance(DAY);
    await b.reporter.failed(b.job(JOB_KINDS.remindExpiry, payload), nowhere);
    const issue = await issueOf();
    expect((b.github.issuePayload(OWNER, REPO, issue) as { body: string }).body).toContain('To fix: configure Slack.');
    expect(b.github.comments(OWNER, REPO, issue)).toHaveLength(0);
    const down = new SlackApiError('service_unavailable', 'chat.postMessage', 'down', true);
    await b.reporter.failed(b.job(JOB_KINDS.remindExpiry, payload, 5), down);
    expect(b.github.comments(OWNER, REPO, issue).map((c) => c.body)).toEqual([
      expect.stringContaining('kept failing after 5 attempts'),
    ]);
    expect(await b.failedCount(JOB_KINDS.remindExpiry, 'config')).toBe(2);
    expect(await b.failedCount(JOB_KINDS.remindExpiry, 'transient')).toBe(1);
  });

  it('a tracking issue someone closed while the problem goes on: the next report opens a fresh one', async () => {
    const payload = { installationId: 1, owner: OWNER, repo: REPO };
    const key = { repo: `${OWNER}/${REPO}`, issue: 0, purpose: 'problem-issue:drift-check' };
    await b.reporter.failed(b.job(JOB_KINDS.checkDrift, payload), new Error('boom'));
    const first = (await b.store.getCommentIds(key))![0]!;
    await testOctokit(b.github).rest.issues.update({ owner: OWNER, repo: REPO, issue_number: first, state: 'closed' });
    await b.reporter.failed(b.job(JOB_KINDS.checkDrift, payload), new Error('boom'));
    const second = (await b.store.getCommentIds(key))![0]!;
    expect(second).not.toBe(first);
    expect((b.github.issuePayload(OWNER, REPO, second) as { state: string }).state).toBe('open');
  });

  it('a destroy that keeps failing: one issue, one comment and one Slack notice a day, until the deadline is done', async () => {
    const repo = `${OWNER}/${REPO}`;
    const dueAt = new Date(b.clock.now().getTime() - 60_000);
    await b.store.scheduleDeadline({ repo, specKey: SPEC, stack: 's3-logs', dueAt, owner: OWNER_EMAIL, reminders: [] });
    const payload = { deadlineId: '1', repo, specKey: SPEC };
    const fail = () =>
      b.reporter.failed(
        b.job(JOB_KINDS.expireSpec, payload, 5),
        new TerraformRunError('apply', 'Error: deleting S3 bucket: BucketNotEmpty'),
      );
    await fail();
    b.clock.advance(3_600_000);
    await fail();
    const ids = await b.store.getCommentIds({ repo, issue: 0, purpose: `problem-issue:expiry:${SPEC}` });
    const issue = ids![0]!;
    const title = (b.github.issuePayload(OWNER, REPO, issue) as { title: string }).title;
    expect(title).toBe(`infra-bot: the expiry of ${SPEC} is failing`);
    expect(b.github.comments(OWNER, REPO, issue)).toHaveLength(0);
    expect(b.slack.messages(CHANNEL)).toHaveLength(1);
    expect(b.slack.messages('U0ADA0001')).toHaveLength(1);
    expect(b.slack.messages(CHANNEL)[0]?.text).toContain(
      `could not destroy it (\`terraform:apply\`): see ${repo}#${issue}`,
    );

    b.clock.advance(DAY);
    await fail();
    const comments = b.github.comments(OWNER, REPO, issue).map((c) => c.body);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain('tried again every hour');
    expect(comments[0]).toContain(`/infra extend ${SPEC}`);
    expect(b.slack.messages(CHANNEL)).toHaveLength(2);
    expect(await b.failedCount(JOB_KINDS.expireSpec, 'config')).toBe(3);

    await b.store.completeDeadline((await b.store.getDeadline(repo, SPEC))!.id, 'destroyed');
    b.clock.advance(DAY);
    await fail();
    expect(b.github.comments(OWNER, REPO, issue)).toHaveLength(1);
  });
});
