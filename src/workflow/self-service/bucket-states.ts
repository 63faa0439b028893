import type { AuditEntry } from '../../store/store.js';
import { stackNameFor } from '../../synth/stacks.js';

/**
 * What the app last did to each bucket's stack, from its audit record (the same for local and S3 state backends):
 * `applied <time>`, `apply failed <time>`, `destroyed <time>`, or `not applied yet`. Pure.
 */
export function bucketStates(
  buckets: ReadonlyArray<{ name: string; bucketName: string }>,
  audit: readonly AuditEntry[],
): Map<string, string> {
  const states = new Map<string, string>();
  const newestFirst = [...audit].sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const bucket of buckets) {
    // A bucket has its own stack in either layout.
    const stack = stackNameFor({ kind: 'S3Bucket', metadata: { name: bucket.name } }, 'shared');
    const last = newestFirst.find(
      (entry) => entry.stack === stack && (entry.action === 'apply' || entry.action === 'expire'),
    );
    const at = last?.at.toISOString().replace('.000Z', 'Z');
    const state = !last
      ? 'not applied yet'
      : last.action === 'expire'
        ? `destroyed ${at}`
        : last.outcome === 'failed'
          ? `apply failed ${at}`
          : `applied ${at}`;
    states.set(bucket.bucketName, state);
  }
  return states;
}
