import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { classifyError } from '../../../src/jobs/classify-error.js';
import type { Job } from '../../../src/store/store.js';
import { RETRY_SLOT_MS, sweepDeadlines } from '../../../src/workflow/expiry/sweep-deadlines.js';
import { remindExpiry, type RemindDeps } from '../../../src/workflow/expiry/remind-expiry.js';
import type { DeadlinePayload } from '../../../src/workflow/job-kinds.js';
import { JOB_KINDS } from '../../../src/workflow/job-kinds.js';
import { CHANNEL, OWNER, OWNER_EMAIL, REPO, startReportBench } from './support/report-fixture.js';
import type { ReportBench } from './support/report-fixture.js';

const SPEC = 'S3Bucket/logs';
const HOUR = 3_600_000;

describe('expiry reminders are marked sent only once delivered', () => {
  let b: ReportBench;
  beforeEach(async () => {
    b = await startReportBench();
    const now = b.clock.now().getTime();
    await b.store.scheduleDeadline({
      repo: `${OWNER}/${REPO}`,
      specKey: SPEC,
      stack: 's3-logs',
      dueAt: new Date(now + 2 * HOUR),
      owner: OWNER_EMAIL,
      reminders: [new Date(now - 60_000)],
    });
  });
  afterEach(async () => b.close());

  const queuedReminders = async () => {
    await sweepDeadlines(b.services);
    return (await b.store.listJobs({ kind: JOB_KINDS.remindExpiry })).filter((job) => job.status === 'queued');
  };
  const due = async () => b.store.dueReminders(b.clock.now(), 10);
  const run = (job: Job, services: RemindDeps = b.services) => remindExpiry(services, job as Job<DeadlinePayload>);

  it('delivered to the channel and the owner: marked sent, and a second job for it sends nothing', async () => {
    const [job] = await queuedReminders();
    expect(await run(job!)).toBe(`reminded ${SPEC} (channel, owner)`);
    expect(b.slack.messages(CHANNEL)[0]?.text).toContain(`/infra extend ${SPEC}`);
    expect(b.slack.messages('U0ADA0001')).toHaveLength(1);
    expect(await due()).toHaveLength(0);
    expect(await run(job!)).toBe('already reminded');
    expect(b.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it('the channel refuses but the owner gets it: marked sent', async () => {
    b.slack.failNext({ method: 'chat.postMessage', kind: 'error', error: 'not_in_channel' });
    const [job] = await queuedReminders();
    expect(await run(job!)).toBe(`reminded ${SPEC} (owner)`);
    expect(await due()).toHaveLength(0);
  });

  it('nobody reached: the job fails with Slack’s error, the reminder stays due, the next slot queues it again', async () => {
    b.slack.failNext({ method: 'chat.postMessage', kind: 'error', error: 'channel_not_found' });
    b.slack.failNext({ method: 'users.lookupByEmail', kind: 'http', status: 503 });
    const [job] = await queuedReminders();
    const error = await run(job!).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as Error).message).toContain(`the expiry reminder of ${SPEC} was not delivered (channel, owner)`);
    expect(classifyError(error)).toMatchObject({ category: 'config', code: 'slack:channel_not_found' });
    expect(await due()).toHaveLength(1);
    expect(await queuedReminders()).toHaveLength(1); // the same slot does not queue it twice
    b.clock.advance(RETRY_SLOT_MS);
    const again = await queuedReminders();
    expect(again).toHaveLength(1); // the new slot's job replaced the one still waiting
    expect(again[0]?.id).not.toBe(job!.id);
    expect(await run(again[0]!)).toBe(`reminded ${SPEC} (channel, owner)`);
  });

  it('no Slack at all: a configuration problem (not retried) that says what to set up', async () => {
    const [job] = await queuedReminders();
    const { slack: _slack, ...withoutSlack } = b.services;
    const error = await run(job!, withoutSlack).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(classifyError(error)).toMatchObject({ category: 'config', retryable: false });
    expect(classifyError(error).fix).toContain('SLACK_BOT_TOKEN');
    expect(await due()).toHaveLength(1);
  });
});
