import type { Deps } from '../services.js';

export type RunLockDeps = Deps<'clock', 'tryRunLock' | 'getJob' | 'releaseRunLock'>;

const POLL_MS = 2_000;

/**
 * Runs `fn` holding the run lock of one stack, so an apply and an expiry destroy of the same stack never overlap.
 * A lock whose holder job is no longer running (a crash) is taken over. Waits at most `waitMs`.
 */
export async function withRunLock<T>(
  services: RunLockDeps,
  input: { repo: string; stack: string; holder: string; waitMs: number; signal?: AbortSignal },
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false; heldBy: string }> {
  const key = `${input.repo}:${input.stack}`;
  const deadline = services.clock.now().getTime() + input.waitMs;
  for (;;) {
    const attempt = await services.store.tryRunLock({ key, holder: input.holder, now: services.clock.now() });
    if (attempt.acquired) break;
    const holderJob = await services.store.getJob(attempt.holder);
    if (!holderJob || holderJob.status !== 'running') {
      await services.store.releaseRunLock({ key, holder: attempt.holder });
      continue;
    }
    if (services.clock.now().getTime() >= deadline || input.signal?.aborted)
      return { ran: false, heldBy: attempt.holder };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return { ran: true, value: await fn() };
  } finally {
    await services.store.releaseRunLock({ key, holder: input.holder });
  }
}
