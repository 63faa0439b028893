import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { SavePlanInput, Store } from '../../../src/store/store.js';
import { ENGINES, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));
const repo = 'acme/infra';
const plan = (over: Partial<SavePlanInput> = {}): SavePlanInput => ({
  repo,
  pr: 5,
  headSha: 'aaa',
  stack: 'ec2-a',
  specHash: 'hash-1',
  status: 'planned',
  summaryJson: '{"create":1,  "note":"kept byte for byte"}',
  createdAt: at(0),
  ...over,
});

describe.each(ENGINES)('store (%s) › plans', (engine) => {
  let harness: EngineHarness;
  let store: Store;

  beforeAll(async () => {
    harness = await createHarness(engine);
    store = await harness.open();
  });
  afterAll(() => harness.dispose());
  beforeEach(() => harness.reset());

  it('saves a plan under a new id and returns it as saved', async () => {
    const id = await store.savePlan(plan({ planFile: '/data/plans/5/ec2-a.tfplan' }));
    expect(await store.getPlan(id)).toEqual({
      id,
      repo,
      pr: 5,
      headSha: 'aaa',
      stack: 'ec2-a',
      specHash: 'hash-1',
      status: 'planned',
      summaryJson: '{"create":1,  "note":"kept byte for byte"}',
      planFile: '/data/plans/5/ec2-a.tfplan',
      createdAt: at(0),
    });
    expect(await store.getPlan('missing')).toBeUndefined();
  });

  it('replaces a plan saved again under the same id', async () => {
    const id = await store.savePlan(plan({ id: 'plan-1' }));
    expect(id).toBe('plan-1');
    await store.savePlan(plan({ id: 'plan-1', status: 'failed', summaryJson: '{}' }));
    expect(await store.getPlan('plan-1')).toMatchObject({ status: 'failed', summaryJson: '{}' });
  });

  it('rejects a status a plan cannot be saved with', async () => {
    await expect(store.savePlan(plan({ status: 'superseded' as 'planned' }))).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('gives the newest plan per stack, optionally for one head SHA', async () => {
    await store.savePlan(plan({ id: 'a-old', stack: 'ec2-a', createdAt: at(1) }));
    await store.savePlan(plan({ id: 'a-new', stack: 'ec2-a', createdAt: at(2), status: 'no-changes' }));
    await store.savePlan(plan({ id: 'b', stack: 'identity', createdAt: at(1) }));
    await store.savePlan(plan({ id: 'b-next', stack: 'identity', headSha: 'bbb', createdAt: at(3) }));
    await store.savePlan(plan({ id: 'other-pr', pr: 6, stack: 'ec2-a', createdAt: at(9) }));
    expect((await store.latestPlans({ repo, pr: 5 })).map((p) => p.id)).toEqual(['a-new', 'b-next']);
    expect((await store.latestPlans({ repo, pr: 5, headSha: 'aaa' })).map((p) => p.id)).toEqual(['a-new', 'b']);
  });

  it('breaks a tie in time by the order plans were saved', async () => {
    await store.savePlan(plan({ id: 'first' }));
    await store.savePlan(plan({ id: 'second' }));
    expect((await store.latestPlans({ repo, pr: 5 })).map((p) => p.id)).toEqual(['second']);
  });

  it('supersedes the plans of older head SHAs, which then no longer count as latest', async () => {
    await store.savePlan(plan({ id: 'old', headSha: 'aaa', stack: 'ec2-a' }));
    await store.savePlan(plan({ id: 'old-b', headSha: 'aaa', stack: 'ec2-b' }));
    await store.savePlan(plan({ id: 'new', headSha: 'bbb', stack: 'ec2-a', createdAt: at(1) }));
    expect(await store.markPlansSuperseded({ repo, pr: 5, exceptHeadSha: 'bbb' })).toBe(2);
    expect(await store.markPlansSuperseded({ repo, pr: 5, exceptHeadSha: 'bbb' })).toBe(0);
    expect((await store.getPlan('old'))?.status).toBe('superseded');
    expect((await store.latestPlans({ repo, pr: 5 })).map((p) => p.id)).toEqual(['new']);
  });

  it('discards every plan of a PR', async () => {
    await store.savePlan(plan({ id: 'x' }));
    await store.savePlan(plan({ id: 'y', pr: 6 }));
    expect(await store.discardPlans({ repo, pr: 5 })).toBe(1);
    expect(await store.latestPlans({ repo, pr: 5 })).toEqual([]);
    expect((await store.getPlan('x'))?.status).toBe('discarded');
    expect((await store.getPlan('y'))?.status).toBe('planned');
  });
});
