import { describe, expect, it } from '@jest/globals';
import { refreshesOnPrPlan, stateResourceCount } from '../../../src/plan/runner-refresh.js';
import { refreshSkippedNote } from '../../../src/workflow/plan-stack.js';

describe('refreshesOnPrPlan', () => {
  it.each([
    ['auto', 'identity', false],
    ['auto', 'ec2-devbox', true],
    ['auto', 's3-logs', true],
    ['always', 'identity', true],
    ['always', 's3-logs', true],
    ['never', 'identity', false],
    ['never', 'ec2-devbox', false],
  ] as const)('%s, stack %s › refresh %s', (setting, stack, expected) => {
    expect(refreshesOnPrPlan(setting, stack)).toBe(expected);
  });
});

describe('stateResourceCount', () => {
  const resource = (address: string, mode = 'managed') => ({ address, mode });

  it('managed resources of the root and every child module › counted; data sources are not', () => {
    const plan = {
      prior_state: {
        values: {
          root_module: {
            resources: [resource('okta_user.a'), resource('okta_group.g'), resource('data.okta_app.aws', 'data')],
            child_modules: [
              {
                resources: [resource('module.m.okta_user.b')],
                child_modules: [{ resources: [resource('module.m.module.n.x.y')] }],
              },
            ],
          },
        },
      },
    };
    expect(stateResourceCount(plan)).toBe(4);
  });

  it.each([
    ['no prior_state (an empty state)', { resource_changes: [] }],
    ['not an object', 'plan'],
    ['resources not a list', { prior_state: { values: { root_module: { resources: 'x' } } } }],
  ])('%s › 0', (_name, plan) => {
    expect(stateResourceCount(plan)).toBe(0);
  });
});

describe('refreshSkippedNote', () => {
  it('a count › the figure in full, the setting, and why it is safe', () => {
    expect(refreshSkippedNote('auto', 9850)).toBe(
      'Refresh skipped (terraform.refreshOnPrPlan: auto): the 9,850 resources in state were not read from the ' +
        'provider, so drift is not shown here. The apply plans again with refresh and stops if its change set ' +
        'differs from this plan.',
    );
  });

  it('one resource › singular', () => {
    expect(refreshSkippedNote('never', 1)).toContain('the 1 resource in state was not read');
  });

  it('no count (a runner that cannot tell) › says so without a figure', () => {
    expect(refreshSkippedNote('auto', undefined)).toContain('the resources in state were not read');
  });
});
