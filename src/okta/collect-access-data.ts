// Gathers what an access review needs from Okta: every user, every group, and the members of each group (one
// paginated call per group, a few at a time). A rate-limit storm, an outage or the overall deadline stops the
// gathering and the result says exactly what is missing; it is never silently short.
import { systemClock, type Clock } from '../jobs/clock.js';
import { OktaRateLimitedError, OktaUnavailableError } from './errors.js';
import type { OktaDirectory } from './okta-client.js';
import type { OktaGroupRecord, OktaUserRecord } from './records.js';

export interface PartialAccessData {
  reason: 'rate-limited' | 'unavailable' | 'deadline';
  /** The error that stopped the gathering. */
  message: string;
  /** What the data lacks, one sentence each, for the report. */
  missing: string[];
  usersComplete: boolean;
  groupsComplete: boolean;
  /** Groups whose members were not (completely) fetched. */
  groupsWithoutMembers: string[];
}

export interface AccessData {
  users: OktaUserRecord[];
  groups: OktaGroupRecord[];
  /** Group id → member user ids, for the groups whose members were fetched completely. */
  memberships: Map<string, string[]>;
  /** Okta's BUILT_IN groups (Everyone): every user is in them, so their members are not fetched. */
  skippedGroups: string[];
  partial?: PartialAccessData;
  apiCalls: number;
}

export interface CollectOptions {
  directory: OktaDirectory;
  /** Membership calls in flight at once (default 8). */
  concurrency?: number;
  /** Stop starting new calls after this long (default: no limit beyond each call's own deadline). */
  deadlineMs?: number;
  clock?: Clock;
}

/**
 * Throws when Okta fails before a single user is read (nothing worth reporting: the caller says Okta is down) or with
 * an error retrying cannot fix (a revoked token); otherwise returns, partial when a storm, outage or deadline hit.
 */
export async function collectAccessData(options: CollectOptions): Promise<AccessData> {
  const { directory, concurrency = 8, clock = systemClock } = options;
  const startCalls = directory.stats().apiCalls;
  const endAt = options.deadlineMs === undefined ? Infinity : clock.now().getTime() + options.deadlineMs;
  // Shared by the concurrent readers: the first transient failure stops them all; anything else is fatal.
  const halted: { stop?: OktaRateLimitedError | OktaUnavailableError; fatal?: { error: unknown } } = {};
  const halt = (err: unknown): void => {
    if (err instanceof OktaRateLimitedError || err instanceof OktaUnavailableError) halted.stop ??= err;
    else halted.fatal ??= { error: err };
  };
  const overdue = (): boolean => {
    if (!halted.stop && clock.now().getTime() > endAt) {
      halted.stop = new OktaUnavailableError(
        'access review',
        'deadline',
        `gathering took over ${options.deadlineMs} ms`,
      );
    }
    return halted.stop !== undefined || halted.fatal !== undefined;
  };

  const rethrowFatal = (): void => {
    if (halted.fatal) throw halted.fatal.error;
  };

  async function drain<T>(items: AsyncIterable<T>, into: T[]): Promise<boolean> {
    try {
      for await (const item of items) {
        into.push(item);
        if (overdue()) return false;
      }
      return true;
    } catch (err) {
      halt(err);
      return false;
    }
  }

  const users: OktaUserRecord[] = [];
  const groups: OktaGroupRecord[] = [];
  const [usersComplete, groupsComplete] = await Promise.all([
    drain(directory.listUsers(), users),
    drain(directory.listGroups(), groups),
  ]);
  rethrowFatal();
  if (halted.stop && users.length === 0 && !usersComplete) throw halted.stop;

  const skippedGroups = groups.filter((g) => g.type === 'BUILT_IN').map((g) => g.id);
  const wanted = groups.filter((g) => g.type !== 'BUILT_IN');
  const memberships = new Map<string, string[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length && !overdue()) {
      const group = wanted[next++]!;
      const members: OktaUserRecord[] = [];
      if (await drain(directory.listGroupMembers(group.id), members)) {
        memberships.set(
          group.id,
          members.map((m) => m.id),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, wanted.length)) }, worker));
  rethrowFatal();

  const apiCalls = directory.stats().apiCalls - startCalls;
  const data: AccessData = { users, groups, memberships, skippedGroups, apiCalls };
  const { stop } = halted;
  if (!stop) return data;
  const without = wanted.filter((g) => !memberships.has(g.id));
  const missing = [
    ...(usersComplete ? [] : [`users: the listing stopped after ${users.length.toLocaleString('en-US')} users`]),
    ...(groupsComplete ? [] : [`groups: the listing stopped after ${groups.length.toLocaleString('en-US')} groups`]),
    ...(without.length === 0 ? [] : [`members of ${without.length} of ${wanted.length} groups (${sample(without)})`]),
  ];
  data.partial = {
    reason:
      stop instanceof OktaRateLimitedError ? 'rate-limited' : stop.reason === 'deadline' ? 'deadline' : 'unavailable',
    message: stop.message,
    missing,
    usersComplete,
    groupsComplete,
    groupsWithoutMembers: without.map((g) => g.id),
  };
  return data;
}

const sample = (groups: OktaGroupRecord[]): string => {
  const names = groups.slice(0, 5).map((g) => g.name);
  return groups.length > 5 ? `${names.join(', ')}, …` : names.join(', ');
};
