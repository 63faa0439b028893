import { describe, expect, it } from '@jest/globals';
import type { ApprovalClick } from '../../../src/slack/approval-click.js';
import type { EnqueueInput, Job } from '../../../src/store/store.js';
import { onApprovalClick } from '../../../src/webhooks/on-approval-click.js';
import { JOB_KINDS } from '../../../src/workflow/job-kinds.js';

const click: ApprovalClick = {
  action: 'approve',
  value: 'encoded',
  slackUserId: 'U0ALICE',
  actionTs: '1700000100.000001',
};

describe('Slack approval click at the edge', () => {
  it('queues the click as a job, then wakes the worker', async () => {
    const events: string[] = [];
    const queued: EnqueueInput[] = [];
    const handle = onApprovalClick({
      store: {
        enqueue: async (input) => {
          queued.push(input);
          events.push('enqueued');
          return { id: 'job-1' } as Job;
        },
      },
      notifyWorker: () => events.push('notified'),
    });
    await handle(click);
    expect(queued).toEqual([
      { kind: JOB_KINDS.handleApprovalClick, payload: click, retryPolicy: 'retry', maxAttempts: 5 },
    ]);
    expect(events).toEqual(['enqueued', 'notified']);
  });

  it('rejects (so Slack is answered 500) and wakes nobody when the click cannot be queued', async () => {
    let notified = false;
    const handle = onApprovalClick({
      store: { enqueue: () => Promise.reject(new Error('database is locked')) },
      notifyWorker: () => (notified = true),
    });
    await expect(handle(click)).rejects.toThrow('database is locked');
    expect(notified).toBe(false);
  });
});
