import { describe, expect, it } from '@jest/globals';
import type { SynthesizedStack } from '../../../src/synth/synthesize.js';
import { affectedStacks } from '../../../src/workflow/affected-stacks.js';

const stack = (name: string, hash: string): SynthesizedStack => ({
  name,
  specs: [`Spec/${name}`],
  json: '{}',
  hash,
  resourceCount: 1,
});

describe('affectedStacks', () => {
  it('lists added, changed and removed stacks, identity first, unchanged ones left out', () => {
    const base = [stack('identity', 'a'), stack('ec2-old', 'b'), stack('s3-same', 'c'), stack('s3-edit', 'd')];
    const head = [stack('identity', 'a2'), stack('s3-same', 'c'), stack('s3-edit', 'd2'), stack('ec2-new', 'e')];
    expect(affectedStacks(base, head).map((change) => `${change.stack}:${change.change}`)).toEqual([
      'identity:changed',
      'ec2-new:added',
      'ec2-old:removed',
      's3-edit:changed',
    ]);
  });

  it('treats every head stack as changed when the base could not be read', () => {
    expect(
      affectedStacks(undefined, [stack('s3-a', 'x'), stack('identity', 'y')]).map((c) => `${c.stack}:${c.change}`),
    ).toEqual(['identity:changed', 's3-a:changed']);
  });

  it('reports nothing when base and head synthesise to the same bytes', () => {
    expect(affectedStacks([stack('s3-a', 'x')], [stack('s3-a', 'x')])).toEqual([]);
  });
});

describe('requesterOf', () => {
  it("reads the requester of a PR infra-bot opened, and nothing from a person's PR", async () => {
    const { requesterOf } = await import('../../../src/workflow/approval/handle-click.js');
    expect(requesterOf('infra-bot[bot]', 'Adds a box.\n\nRequested by @bruce-lee in #12 with `/infra new`.')).toBe(
      'bruce-lee',
    );
    expect(requesterOf('mallory', 'Requested by @bruce-lee')).toBeUndefined();
    expect(requesterOf('infra-bot[bot]', 'no requester here')).toBeUndefined();
  });
});
