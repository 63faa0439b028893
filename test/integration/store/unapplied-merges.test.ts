import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const T0 = new Date('2030-01-01T00:00:00.000Z');
const T1 = new Date('2030-01-01T01:00:00.000Z');
const REPO = 'acme/infra';

describe.each(ENGINES)('store (%s) › merged but not applied', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  const record = (pr: number, stacks: string[], reason: string, at = T0) =>
    store.recordUnappliedMerge({ repo: REPO, pr, sha: `sha-${pr}`, reason, recordedAt: at, stacks });

  it('recorded per stack › listed by PR and by stack, oldest first', async () => {
    await record(7, ['identity', 'ec2-devbox'], 'no approval', T1);
    await record(5, ['ec2-devbox'], 'drift', T0);
    await store.recordUnappliedMerge({
      repo: 'acme/other',
      pr: 7,
      sha: 'x',
      reason: 'elsewhere',
      recordedAt: T0,
      stacks: ['ec2-devbox'],
    });
    expect(await store.listUnappliedMerges({ repo: REPO, stacks: ['ec2-devbox'] })).toEqual([
      { repo: REPO, stack: 'ec2-devbox', pr: 5, sha: 'sha-5', reason: 'drift', recordedAt: T0 },
      { repo: REPO, stack: 'ec2-devbox', pr: 7, sha: 'sha-7', reason: 'no approval', recordedAt: T1 },
    ]);
    expect((await store.listUnappliedMerges({ repo: REPO, pr: 7 })).map((m) => m.stack)).toEqual([
      'ec2-devbox',
      'identity',
    ]);
    expect(await store.listUnappliedMerges({ repo: REPO, stacks: [] })).toEqual([]);
  });

  it('recorded again for the same PR and stack › the latest reason wins, no duplicate', async () => {
    await record(7, ['identity'], 'no approval', T0);
    await record(7, ['identity'], 'drift', T1);
    expect(await store.listUnappliedMerges({ repo: REPO })).toMatchObject([{ pr: 7, reason: 'drift', recordedAt: T1 }]);
  });

  it('the stack is applied › cleared for every PR that left it unapplied, other stacks stay', async () => {
    await record(5, ['ec2-devbox'], 'drift');
    await record(7, ['ec2-devbox', 'identity'], 'no approval');
    expect(await store.clearUnappliedMerges({ repo: REPO, stacks: ['ec2-devbox'] })).toBe(2);
    expect(await store.listUnappliedMerges({ repo: REPO })).toMatchObject([{ pr: 7, stack: 'identity' }]);
    expect(await store.clearUnappliedMerges({ repo: REPO, stacks: [] })).toBe(0);
  });
});
