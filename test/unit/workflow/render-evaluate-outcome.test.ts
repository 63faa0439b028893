import { describe, expect, it } from '@jest/globals';
import type { StackOutcome } from '../../../src/plan/render-counts.js';
import type { CostCheckResult } from '../../../src/review/cost/cost-check.js';
import type { SynthesizedStack } from '../../../src/synth/synthesize.js';
import type { StackChange } from '../../../src/workflow/affected-stacks.js';
import {
  baseConfigInvalid,
  renderPlanCheck,
  renderStackChanges,
  renderValidateCheck,
} from '../../../src/workflow/render-evaluate-outcome.js';

const error = {
  file: 'infra-specs/a.yaml',
  line: 2,
  column: 1,
  path: 'spec',
  message: 'bad',
  severity: 'error' as const,
};
const warning = { ...error, message: 'old', severity: 'warning' as const };
const planOutput = { title: '2 stacks planned', summary: 'identity: 1 to add', text: '<details>…</details>' };
const within: CostCheckResult = { conclusion: 'success', message: 'within policy' };
const planned = (outcomes: StackOutcome[], cost: CostCheckResult = within) =>
  renderPlanCheck({ kind: 'planned', outcomes, cost, planOutput });
// Only the spec list of a synthesised stack is read here.
const stackOf = (specs: string[]) => ({ specs }) as unknown as SynthesizedStack;

describe('renderValidateCheck', () => {
  it('valid: how many specs, and the warnings when there are any', () => {
    expect(renderValidateCheck({ ok: true, specCount: 3, diagnostics: [] })).toMatchSnapshot();
    expect(renderValidateCheck({ ok: true, specCount: 3, diagnostics: [warning] }).output.title).toBe(
      '3 specs valid, 1 warning',
    );
    expect(renderValidateCheck({ ok: true, specCount: 3, diagnostics: [warning, warning] }).output.title).toBe(
      '3 specs valid, 2 warnings',
    );
  });

  it('invalid: a failure that counts the errors only', () => {
    expect(renderValidateCheck({ ok: false, specCount: 0, diagnostics: [error, error, warning] })).toMatchSnapshot();
    expect(renderValidateCheck({ ok: false, specCount: 0, diagnostics: [error] }).output.title).toBe(
      '1 problem in the specs',
    );
  });
});

describe('renderPlanCheck', () => {
  it('a newer push: cancelled, saying why', () => {
    expect(renderPlanCheck({ kind: 'superseded' })).toMatchSnapshot();
  });

  it('every stack planned within policy: success with the plan output as is', () => {
    expect(planned(['planned', 'no-changes'])).toEqual({ conclusion: 'success', output: planOutput });
  });

  it('a stack locked by another PR: action required', () => {
    expect(planned(['planned', 'locked']).conclusion).toBe('action_required');
  });

  it('a failed plan fails the check, even with a stack locked', () => {
    expect(planned(['locked', 'failed']).conclusion).toBe('failure');
  });

  it('a cost over policy fails the check and titles it with the verdict (at most 250 characters)', () => {
    const over = { conclusion: 'failure' as const, message: '+$120.00/month exceeds the limit of $100.00' };
    expect(planned(['planned'], over)).toMatchSnapshot();
    const long = planned(['planned'], { conclusion: 'failure', message: 'x'.repeat(300) });
    expect(long.output.title).toHaveLength(250);
  });
});

describe('renderStackChanges', () => {
  it('one line per stack with its specs; a removed stack says it is destroyed', () => {
    const changes: StackChange[] = [
      { stack: 'identity', change: 'changed', head: stackOf(['OktaUser/ada', 'OktaGroup/eng']) },
      { stack: 'ec2-web', change: 'added', head: stackOf(['Ec2Instance/web']) },
      { stack: 's3-logs', change: 'removed', base: stackOf(['S3Bucket/logs']) },
      { stack: 's3-empty', change: 'changed', head: stackOf([]) },
    ];
    expect(renderStackChanges(changes)).toMatchSnapshot();
  });

  it('no change at all: says the Terraform is identical', () => {
    expect(renderStackChanges([])).toBe(
      'No stack changes: the Terraform synthesised from this PR is identical to the base branch.',
    );
  });
});

it('baseConfigInvalid names the file and the short base commit', () => {
  expect(baseConfigInvalid('.github/infra.yml', 'abcdef1234567')).toBe(
    "the base branch's .github/infra.yml (abcdef1) is invalid, so nothing can be validated or planned until it is fixed:",
  );
});
