import { describe, expect, it } from '@jest/globals';
import { GITHUB_CHECK_TEXT_LIMIT, renderPlanCheckOutput } from '../../../src/plan/render-check-summary.js';
import type { StackPlanResult } from '../../../src/plan/render-plan-comment.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { createInstance, deleteBucket, plan, replaceInstance, resourceChange, updateInstance } from './fixtures.js';
import { readStructure } from './markdown-structure.js';

const SHA = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const planned = (stack: string, changes: Parameters<typeof plan>[0]): StackPlanResult => ({
  stack,
  outcome: 'planned',
  summary: summarizePlan(plan(changes)),
});

describe('renderPlanCheckOutput', () => {
  it('title › uses Terraform wording, a replacement counting as one add and one destroy', () => {
    const stacks = [
      planned('ec2-a', [createInstance, replaceInstance]),
      planned('ec2-b', [updateInstance]),
      planned('s3-c', []),
    ];
    expect(renderPlanCheckOutput({ repo: 'acme/infra', pr: 1, headSha: SHA, stacks }).title).toBe(
      '2 to add, 1 to change, 1 to destroy in 3 stacks',
    );
  });

  it.each<[string, StackPlanResult[], string]>([
    ['no stacks', [], 'No stacks affected'],
    ['only no-change stacks', [planned('identity', [])], 'No changes in 1 stack'],
    [
      'failures and locks',
      [
        planned('ec2-a', [deleteBucket]),
        { stack: 'ec2-b', outcome: 'failed', error: 'boom' },
        { stack: 'ec2-c', outcome: 'locked', lockedBy: { pr: 3 } },
      ],
      '0 to add, 0 to change, 1 to destroy in 3 stacks; 1 failed, 1 locked',
    ],
  ])('title › %s', (_name, stacks, title) => {
    expect(renderPlanCheckOutput({ repo: 'acme/infra', pr: 1, headSha: SHA, stacks }).title).toBe(title);
  });

  it('summary and text › snapshot', () => {
    const stacks: StackPlanResult[] = [
      planned('ec2-devbox', [createInstance, updateInstance]),
      planned('identity', []),
      { stack: 'ec2-broken', outcome: 'failed', error: 'Error: no valid credential sources' },
      { stack: 'ec2-ci', outcome: 'locked', lockedBy: { pr: 9 } },
    ];
    const output = renderPlanCheckOutput({
      repo: 'acme/infra',
      pr: 5,
      headSha: SHA,
      stacks,
      intentSummaryMarkdown: '- creates **1** EC2 instance',
    });
    expect(output).toMatchSnapshot();
  });

  it('no planned changes or failures › no text', () => {
    const output = renderPlanCheckOutput({ repo: 'a/b', pr: 1, headSha: SHA, stacks: [planned('identity', [])] });
    expect(output.text).toBeUndefined();
  });

  it('huge plan › summary and text stay within 65,535 characters, cut visibly and balanced', () => {
    const changes = Array.from({ length: 3000 }, (_, i) =>
      resourceChange(`aws_s3_bucket.b${i}`, ['create'], { after: { bucket: `acme-${i}`, tags: { Team: 'x' } } }),
    );
    const stacks = Array.from({ length: 1500 }, (_, i) =>
      i === 0 ? planned('s3-big', changes) : planned(`s3-stack-with-a-long-name-${i}`, []),
    );
    const output = renderPlanCheckOutput({ repo: 'a/b', pr: 7, headSha: SHA, stacks, commentParts: 12 });
    for (const text of [output.summary, output.text!]) {
      expect(text.length).toBeLessThanOrEqual(GITHUB_CHECK_TEXT_LIMIT);
      // it says where the complete plan is, on GitHub: never the runner's log
      expect(text).toMatch(
        /✂️ \*\*Cut here:\*\* … [\d,]+ more lines .*not shown; the complete plan is in the plan comment on pull request #7, parts 1–12\./,
      );
      expect(text).not.toContain('log');
      expect(readStructure(text).problems).toEqual([]);
    }
    // as much as fits is carried: the text is nearly full
    expect(output.text!.length).toBeGreaterThan(GITHUB_CHECK_TEXT_LIMIT - 1_000);
  });

  it('text › risk first, like the comment: destroys and replacements, then failures, then the rest', () => {
    const stacks: StackPlanResult[] = [
      planned('a-create', [createInstance]),
      { stack: 'b-failed', outcome: 'failed', error: 'boom' },
      planned('z-delete', [deleteBucket]),
    ];
    const text = renderPlanCheckOutput({ repo: 'a/b', pr: 1, headSha: SHA, stacks }).text!;
    const at = ['z-delete', 'b-failed', 'a-create'].map((n) => text.indexOf(`<b>${n}</b>`));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
  });

  it('cut without a known part count › still names the plan comment on the PR', () => {
    const changes = Array.from({ length: 2000 }, (_, i) =>
      resourceChange(`aws_s3_bucket.b${i}`, ['create'], { after: { bucket: `acme-${i}`, tags: { Team: 'x' } } }),
    );
    const text = renderPlanCheckOutput({ repo: 'a/b', pr: 3, headSha: SHA, stacks: [planned('s3', changes)] }).text!;
    expect(text).toMatch(
      /\(([\d,]+) resource changes\) not shown; the complete plan is in the plan comment on pull request #3\./,
    );
  });

  it('secrets › appear nowhere in the check output', () => {
    const secret = 'AKIAEXAMPLESECRET123';
    const stacks: StackPlanResult[] = [
      { stack: 'ec2-a', outcome: 'failed', error: `Error: invalid key ${secret}` },
      planned('ec2-b', [resourceChange('aws_instance.x', ['create'], { after: { user_data: secret } })]),
    ];
    const output = renderPlanCheckOutput({ repo: 'a/b', pr: 1, headSha: SHA, stacks, secrets: [secret] });
    expect(JSON.stringify(output)).not.toContain(secret);
  });
});
