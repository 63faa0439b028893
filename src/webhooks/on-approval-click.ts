import type { ApprovalClick } from '../slack/approval-click.js';
import { createSlackInteractions, type SlackInteractions } from '../slack/receiver.js';
import type { Store } from '../store/store.js';
import { JOB_KINDS } from '../workflow/job-kinds.js';

/**
 * A Slack Approve / Reject click, the same way as a webhook: only queued here (Slack is answered once the job is
 * durable); the receiver checked the signature; every other check and every API call runs in the job.
 */
export const onApprovalClick =
  (deps: { store: Pick<Store, 'enqueue'>; notifyWorker(): void }) =>
  async (click: ApprovalClick): Promise<void> => {
    await deps.store.enqueue({
      kind: JOB_KINDS.handleApprovalClick,
      payload: click,
      retryPolicy: 'retry',
      maxAttempts: 5,
    });
    deps.notifyWorker();
  };

/**
 * The `/slack/events` handler when Slack is configured (a signing secret), undefined otherwise: the receiver checks
 * signatures and answers; each Approve / Reject click is queued by `onApprovalClick`.
 */
export function slackApprovalHandler(
  signingSecret: string | undefined,
  log: Parameters<typeof createSlackInteractions>[0]['log'],
  deps: { store: Pick<Store, 'enqueue'>; notifyWorker(): void },
): SlackInteractions['handler'] | undefined {
  if (!signingSecret) return undefined;
  return createSlackInteractions({ signingSecret, log, onApprovalClick: onApprovalClick(deps) }).handler;
}
