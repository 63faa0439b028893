import { JOB_KINDS } from '../job-kinds.js';
import type { DeadlinePayload } from '../job-kinds.js';
import type { Deps } from '../services.js';

export type SweepDeps = Deps<'clock' | 'notifyWorker', 'dueDeadlines' | 'dueReminders' | 'recordDeliveryAndEnqueue'>;

const BATCH = 200;
/**
 * A due deadline or reminder that is still there one slot later (its job failed for good, or a config problem stops
 * it) is queued again: every job retries with backoff within its attempts, and the slot keeps trying until it works
 * or a person acts (extends, removes the spec). The failure is announced by the job reporter, at most once a day.
 */
export const RETRY_SLOT_MS = 3_600_000;

/**
 * One pass of the deadline sweeper (every replica runs it): due deadlines and reminders become jobs. Each is
 * recorded like a delivery with a stable id per slot, so replicas sweeping at once enqueue it once. One job per
 * deadline or reminder runs at a time, and a new slot's job replaces one still waiting for its retry.
 */
export async function sweepDeadlines(services: SweepDeps): Promise<{ expiries: number; reminders: number }> {
  const now = services.clock.now();
  const slot = Math.floor(now.getTime() / RETRY_SLOT_MS);
  let expiries = 0;
  let reminders = 0;
  for (const deadline of await services.store.dueDeadlines(now, BATCH)) {
    const payload: DeadlinePayload = { deadlineId: deadline.id, repo: deadline.repo, specKey: deadline.specKey };
    const { duplicate } = await services.store.recordDeliveryAndEnqueue(
      {
        id: `deadline:${deadline.id}:${deadline.dueAt.getTime()}:${slot}`,
        event: 'deadline',
        repo: deadline.repo,
        receivedAt: now,
      },
      {
        kind: JOB_KINDS.expireSpec,
        payload,
        concurrencyKey: `deadline:${deadline.id}`,
        supersede: true,
        retryPolicy: 'retry',
        maxAttempts: 5,
      },
    );
    if (!duplicate) expiries++;
  }
  for (const reminder of await services.store.dueReminders(now, BATCH)) {
    const payload: DeadlinePayload = {
      deadlineId: reminder.deadline.id,
      repo: reminder.deadline.repo,
      specKey: reminder.deadline.specKey,
      reminderId: reminder.id,
      remindAt: reminder.remindAt.toISOString(),
    };
    const { duplicate } = await services.store.recordDeliveryAndEnqueue(
      { id: `reminder:${reminder.id}:${slot}`, event: 'reminder', repo: reminder.deadline.repo, receivedAt: now },
      {
        kind: JOB_KINDS.remindExpiry,
        payload,
        concurrencyKey: `reminder:${reminder.id}`,
        supersede: true,
        retryPolicy: 'retry',
        maxAttempts: 5,
      },
    );
    if (!duplicate) reminders++;
  }
  if (expiries + reminders > 0) services.notifyWorker();
  return { expiries, reminders };
}
