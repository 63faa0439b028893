import { kindRegistry } from '../../kinds/index.js';
import type { StackLayout } from '../../kinds/kind-definition.js';
import type { IntentSpec, Kind } from '../../specs/model.js';
import type { Deps } from '../services.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deadlines already scheduled (ttl specs get theirs at first apply): the ExpiresAt tags and the summary's expiries. */
export async function knownExpiries(
  services: Deps<never, 'listDeadlines'>,
  repo: string,
): Promise<Map<string, string>> {
  const deadlines = await services.store.listDeadlines({ repo, status: 'scheduled' });
  return new Map(deadlines.map((deadline) => [deadline.specKey, deadline.dueAt.toISOString()]));
}

/**
 * When to remind before a deadline: a day and an hour before, when the lifetime leaves room for them; a short
 * lifetime (a 3-minute ttl) gets one reminder at half its remaining time instead.
 */
export function reminderTimes(dueAt: Date, now: Date): Date[] {
  const remaining = dueAt.getTime() - now.getTime();
  const offsets = [DAY, HOUR].filter((offset) => offset < remaining / 2);
  if (offsets.length === 0 && remaining > 2 * MINUTE) offsets.push(Math.floor(remaining / 2));
  return offsets.map((offset) => new Date(dueAt.getTime() - offset));
}

/** The absolute expiry of each spec of a stack: expiresAt as written; ttl from the first apply (kept thereafter). */
export async function expiriesForApply(
  services: Deps<never, 'getDeadline'>,
  repo: string,
  specs: readonly IntentSpec[],
  now: Date,
): Promise<Map<string, Date>> {
  const result = new Map<string, Date>();
  for (const spec of specs) {
    const key = `${spec.kind}/${spec.metadata.name}`;
    if (spec.metadata.expiresAt !== undefined) {
      result.set(key, new Date(spec.metadata.expiresAt));
    } else if (spec.metadata.ttlMs !== undefined) {
      const existing = await services.store.getDeadline(repo, key);
      result.set(
        key,
        existing?.status === 'scheduled' ? existing.dueAt : new Date(now.getTime() + spec.metadata.ttlMs),
      );
    }
  }
  return result;
}

/** Durable deadlines (with reminders) for the specs of a stack that was just applied. */
export async function scheduleDeadlines(
  services: Deps<never, 'scheduleDeadline'>,
  repo: string,
  /** The stack they live in. */
  stack: string,
  specs: readonly IntentSpec[],
  dueAt: ReadonlyMap<string, Date>,
  now: Date,
): Promise<void> {
  for (const spec of specs) {
    const key = `${spec.kind}/${spec.metadata.name}`;
    const due = dueAt.get(key);
    if (!due) continue;
    await services.store.scheduleDeadline({
      repo,
      specKey: key,
      stack,
      dueAt: due,
      ...(spec.metadata.owner !== undefined && { owner: spec.metadata.owner }),
      reminders: reminderTimes(due, now),
    });
  }
}

/**
 * The stack a deadline's spec lives in under the repository's current layout. A deadline records its stack when it
 * is scheduled; after `identity.stackLayout` changes (docs/adr/0008) an identity spec's recorded `identity` is no
 * longer where it lives, and rebuilding `identity` without it would plan away every object that state still holds.
 * Specs of kinds no longer in the table keep the recorded stack.
 */
export function currentStackOf(deadline: { specKey: string; stack: string }, layout: StackLayout): string {
  const slash = deadline.specKey.indexOf('/');
  const [kind, name] = [deadline.specKey.slice(0, slash), deadline.specKey.slice(slash + 1)];
  if (slash <= 0 || !(kindRegistry.kinds as readonly string[]).includes(kind)) return deadline.stack;
  return kindRegistry.stackNameFor({ kind: kind as Kind, metadata: { name } }, layout);
}
