import { describe, expect, it } from '@jest/globals';
import { renderPlanCheckOutput } from '../../../src/plan/render-check-summary.js';
import { renderPlanComment, type StackPlanResult } from '../../../src/plan/render-plan-comment.js';
import { renderPlanOutputs } from '../../../src/plan/render-plan-outputs.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import { createInstance, deleteBucket, plan, replaceInstance, sensitiveUser, updateInstance } from './fixtures.js';

const SHA = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const planned = (stack: string, changes: Parameters<typeof plan>[0]): StackPlanResult => ({
  stack,
  outcome: 'planned',
  summary: summarizePlan(plan(changes)),
});

const stacks: StackPlanResult[] = [
  planned('ec2-b', [createInstance, updateInstance, sensitiveUser]),
  planned('ec2-a', [deleteBucket, replaceInstance]),
  { stack: 'ec2-c', outcome: 'failed', error: 'Error: token tok_s3cr3t rejected' },
  { stack: 'ec2-d', outcome: 'locked', lockedBy: { pr: 7 } },
  planned('idle', []),
];
const base = { marker: 'infra-bot:plan', repo: 'acme/infra', pr: 4, headSha: SHA, stacks, secrets: ['tok_s3cr3t'] };

describe('renderPlanOutputs', () => {
  it('gives the same comment and check output as the two renderers called apart', () => {
    const input = { ...base, intentSummaryMarkdown: 'Adds a devbox.', footer: 'Comment `/infra plan` to re-plan.' };
    const outputs = renderPlanOutputs(input);
    expect(outputs.commentParts).toEqual(renderPlanComment(input));
    expect(outputs.check).toEqual(renderPlanCheckOutput({ ...input, commentParts: outputs.commentParts.length }));
    expect(outputs.check.text).toContain('ec2-c');
  });

  it('points the check output at every comment part when the comment is split', () => {
    const many = Array.from({ length: 40 }, (_, i) => planned(`stack-${i}`, [createInstance, updateInstance]));
    const input = { ...base, stacks: many, maxLength: 4_000 };
    const outputs = renderPlanOutputs(input);
    expect(outputs.commentParts.length).toBeGreaterThan(1);
    expect(outputs.commentParts).toEqual(renderPlanComment(input));
    expect(outputs.check).toEqual(renderPlanCheckOutput({ ...input, commentParts: outputs.commentParts.length }));
  });

  it('keeps secrets out of both outputs', () => {
    const outputs = renderPlanOutputs(base);
    const all = [...outputs.commentParts, outputs.check.title, outputs.check.summary, outputs.check.text ?? ''];
    expect(all.join('\n')).not.toContain('tok_s3cr3t');
    expect(all.join('\n')).not.toContain('NewPassw0rd!');
  });

  it('refuses an unsafe marker, like renderPlanComment', () => {
    expect(() => renderPlanOutputs({ ...base, marker: 'bad marker -->' })).toThrow(/marker .* is unsafe/);
  });
});
