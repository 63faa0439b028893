import type { EnqueueInput, Store } from '../store/store.js';

export interface WebhookDeps {
  store: Pick<Store, 'recordDeliveryAndEnqueue'>;
  clock: { now(): Date };
  /** Wakes the worker so the job starts without waiting for the next poll. */
  notifyWorker(): void;
}

/**
 * The only thing a webhook handler does: record the delivery and enqueue its job in one transaction, so GitHub gets
 * its answer in milliseconds, a redelivery of the same id is processed once, and a crash cannot lose the job.
 */
export async function enqueueDelivery(
  deps: WebhookDeps,
  delivery: { id: string; event: string; action?: string; repo?: string },
  job: EnqueueInput,
): Promise<void> {
  const { duplicate } = await deps.store.recordDeliveryAndEnqueue({ ...delivery, receivedAt: deps.clock.now() }, job);
  if (!duplicate) deps.notifyWorker();
}
