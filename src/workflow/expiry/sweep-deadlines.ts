import { JOB_KINDS } from '../job-kinds.js';
import type { DeadlinePayload } from '../job-kinds.js';
import type { Services } from '../services.js';

const BATCH = 200;
const DAY = 86_400_000;

/**
 * One pass of the deadline sweeper (every replica runs it): due deadlines and reminders become jobs. Each is
 * recorded like a delivery with a stable id, so replicas sweeping at once enqueue it once; a deadline still
 * scheduled a day later (its destroy kept failing) is queued again.
 */
export async function sweepDeadlines(services: Services): Promise<{ expiries: number; reminders: number }> {
  const now = services.clock.now();
  let expiries = 0;
  let reminders = 0;
  for (const deadline of await services.store.dueDeadlines(now, BATCH)) {
    const payload: DeadlinePayload = { deadlineId: deadline.id, repo: deadline.repo, specKey: deadline.specKey };
    const day = Math.floor(now.getTime() / DAY);
    const { duplicate } = await services.store.recordDeliveryAndEnqueue(
      {
        id: `deadline:${deadline.id}:${deadline.dueAt.getTime()}:${day}`,
        event: 'deadline',
        repo: deadline.repo,
        receivedAt: now,
      },
      { kind: JOB_KINDS.expireSpec, payload, retryPolicy: 'retry', maxAttempts: 5 },
    );
    if (!duplicate) expiries++;
  }
  for (const reminder of await services.store.dueReminders(now, BATCH)) {
    const payload: DeadlinePayload = {
      deadlineId: reminder.deadline.id,
      repo: reminder.deadline.repo,
      specKey: reminder.deadline.specKey,
      reminderId: reminder.id,
    };
    const { duplicate } = await services.store.recordDeliveryAndEnqueue(
      { id: `reminder:${reminder.id}`, event: 'reminder', repo: reminder.deadline.repo, receivedAt: now },
      { kind: JOB_KINDS.remindExpiry, payload, retryPolicy: 'retry', maxAttempts: 5 },
    );
    if (!duplicate) reminders++;
  }
  if (expiries + reminders > 0) services.notifyWorker();
  return { expiries, reminders };
}
