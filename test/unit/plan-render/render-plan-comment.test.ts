import { describe, expect, it } from '@jest/globals';
import {
  GITHUB_COMMENT_LIMIT,
  parsePlanCommentMarker,
  renderPlanComment,
  type PlanCommentInput,
  type StackPlanResult,
} from '../../../src/plan/render-plan-comment.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import {
  createBeforeDestroy,
  createInstance,
  deleteBucket,
  plan,
  replaceInstance,
  resourceChange,
  sensitiveUser,
  updateInstance,
} from './fixtures.js';
import { readStructure } from './markdown-structure.js';

const SHA = '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';

const input = (stacks: StackPlanResult[], extra: Partial<PlanCommentInput> = {}): PlanCommentInput => ({
  marker: 'infra-bot:plan',
  repo: 'acme/infra',
  pr: 42,
  headSha: SHA,
  stacks,
  ...extra,
});

const planned = (stack: string, changes: Parameters<typeof plan>[0], secrets?: string[]): StackPlanResult => ({
  stack,
  outcome: 'planned',
  summary: summarizePlan(plan(changes), { secrets }),
});

/** A stack of `n` new instances, each with a handful of attributes. */
function bigStack(stack: string, n: number): StackPlanResult {
  const changes = Array.from({ length: n }, (_, i) =>
    resourceChange(`aws_instance.box_${String(i).padStart(5, '0')}`, ['create'], {
      after: { ami: 'ami-0abc1234', instance_type: 't3.micro', tags: { Name: `${stack}-${i}`, Team: 'platform' } },
      after_unknown: { id: true, arn: true, private_ip: true },
    }),
  );
  return planned(stack, changes);
}

function expectWellFormed(parts: string[]) {
  parts.forEach((body, i) => {
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(parsePlanCommentMarker(body, 'infra-bot:plan')).toEqual({ part: i + 1, total: parts.length, sha: SHA });
    expect(readStructure(body).problems).toEqual([]);
  });
}

describe('renderPlanComment', () => {
  it('create, update, delete and replace in one stack › snapshot', () => {
    const parts = renderPlanComment(
      input([
        planned('ec2-devbox', [createInstance, updateInstance, deleteBucket, replaceInstance, createBeforeDestroy]),
      ]),
    );
    expect(parts).toHaveLength(1);
    expectWellFormed(parts);
    expect(parts[0]).toMatchSnapshot();
  });

  it('unknown values › read (known after apply)', () => {
    const [body] = renderPlanComment(input([planned('ec2-devbox', [createInstance])]));
    expect(body).toMatch(/^\+ id += \(known after apply\)$/m);
    expect(body).toMatchSnapshot();
  });

  it('sensitive values › plan-marked values and known secrets appear nowhere', () => {
    const secret = 'xoxb-1234-SECRET-abcdef';
    const leaky = resourceChange('aws_instance.leaky', ['create'], {
      after: { user_data: `export SLACK_TOKEN=${secret}`, tags: { Name: 'leaky' } },
    });
    const stacks = [planned('identity', [sensitiveUser]), planned('ec2-leaky', [leaky], [secret])];
    const parts = renderPlanComment(input(stacks, { secrets: [secret] }));
    const all = parts.join('\n');
    for (const hidden of [secret, 'OldPassw0rd', 'NewPassw0rd', 'employeeNumber', '1002']) {
      expect(all).not.toContain(hidden);
    }
    expect(all).toContain('(sensitive)');
    expect(parts).toMatchSnapshot();
  });

  it('secrets passed only to the renderer › are scrubbed from everything, error text and intent included', () => {
    const secret = 'ghs_renderOnlySecret99';
    const leaky = resourceChange(`aws_s3_bucket.b["${secret}"]`, ['create'], { after: { bucket: `x-${secret}` } });
    const stacks: StackPlanResult[] = [
      { stack: 'ec2-a', outcome: 'planned', summary: summarizePlan(plan([leaky])) },
      { stack: 'ec2-b', outcome: 'failed', error: `Error: auth failed with token ${secret}` },
    ];
    const parts = renderPlanComment(
      input(stacks, { secrets: [secret], intentSummaryMarkdown: `Token ${secret}`, footer: `f ${secret}` }),
    );
    expect(parts.join('\n')).not.toContain(secret);
  });

  it('no changes › says so plainly', () => {
    const [body] = renderPlanComment(input([planned('identity', [])]));
    expect(body).toContain('No changes. Infrastructure matches the configuration.');
    expect(body).toMatchSnapshot();
  });

  it('failed plan › shows the error text in a code block, with a note', () => {
    const error =
      'Error: creating EC2 Instance: UnauthorizedOperation\n\n  with aws_instance.devbox,\n  on cdk.tf.json line 12';
    const [body] = renderPlanComment(input([{ stack: 'ec2-devbox', outcome: 'failed', error }]));
    expect(body).toContain('**Plan failed.**');
    expect(readStructure(body!).fencedLines).toContain('Error: creating EC2 Instance: UnauthorizedOperation');
    expect(body).toMatchSnapshot();
  });

  it('locked stack › names the holder and how to release it', () => {
    const [body] = renderPlanComment(input([{ stack: 'ec2-devbox', outcome: 'locked', lockedBy: { pr: 7 } }]));
    expect(body).toContain(
      '🔒 locked by #7 — it will be planned when #7 merges or closes, or ask #7 to run `/infra unlock`',
    );
    expect(body).toMatchSnapshot();
  });

  it('several stacks with intent summary and footer › intent first, then each stack, footer last', () => {
    const stacks: StackPlanResult[] = [
      { ...planned('identity', [sensitiveUser]), planId: 'plan-17' },
      planned('ec2-devbox', [createInstance]),
      planned('s3-logs', [deleteBucket]),
      planned('s3-archive', []),
      { stack: 'ec2-ci', outcome: 'locked', lockedBy: { pr: 9 } },
      { stack: 'ec2-old', outcome: 'skipped', note: 'Spec removed; see #12' },
    ];
    const intent = '#### What changes\n\n- **bruce.lee@demoac.com** gains `Staff Engineer` title';
    const [body] = renderPlanComment(input(stacks, { intentSummaryMarkdown: intent, footer: '_infra-bot_' }));
    const order = [
      '| ➕ create',
      '#### What changes',
      '<b>identity</b>',
      '<b>ec2-devbox</b>',
      '<b>s3-logs</b>',
      '_infra-bot_',
    ];
    const positions = order.map((text) => body!.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(body).toContain('| 1 | 1 | 1 | 0 | 3 planned · 1 no changes · 1 locked · 1 skipped |');
    expect(body).toMatchSnapshot();
  });

  it('large multi-stack plan › splits between stacks: every part within the limit, balanced, nothing lost', () => {
    const stacks = Array.from({ length: 30 }, (_, s) => bigStack(`ec2-team-${s}`, 60));
    const parts = renderPlanComment(input(stacks, { intentSummaryMarkdown: '#### Intent\n\nMany boxes.' }));
    expect(parts.length).toBeGreaterThan(1);
    expectWellFormed(parts);
    parts.slice(1).forEach((body, i) => expect(body).toContain(`(part ${i + 2} of ${parts.length})`));
    const all = parts.join('\n');
    expect(all).not.toContain('Cut here');
    for (const stack of stacks) {
      expect(all.split(`<b>${stack.stack}</b>`)).toHaveLength(2);
      for (const change of stack.summary!.changes) {
        const owner = parts.filter((p) => p.includes(`<b>${stack.stack}</b>`) && p.includes(`\`${change.address}\``));
        expect(owner).toHaveLength(1);
      }
    }
  });

  it('one stack larger than a comment › is cut at a line, closed properly, with a visible count of what is left out', () => {
    const stack = bigStack('ec2-fleet', 1500);
    const parts = renderPlanComment(input([stack]));
    expectWellFormed(parts);
    expect(parts).toHaveLength(1);
    const body = parts[0]!;
    const shown = stack.summary!.changes.filter((c) => body.includes(`\`${c.address}\``)).length;
    const notice =
      /✂️ \*\*Cut here:\*\* … ([\d,]+) more lines \(([\d,]+) resource changes\) not shown; the full plan is in the check run log\./.exec(
        body,
      );
    expect(notice).not.toBeNull();
    expect(shown).toBeGreaterThan(100);
    expect(shown + Number(notice![2]!.replace(/,/g, ''))).toBe(1500);
    expect(body.slice(body.indexOf('✂️') - 300)).toMatchSnapshot();
  });

  it('oversized stack among others › only that block is cut, the others are kept whole', () => {
    const stacks = [bigStack('ec2-small', 3), bigStack('ec2-fleet', 1500), bigStack('ec2-after', 3)];
    const parts = renderPlanComment(input(stacks));
    expectWellFormed(parts);
    const all = parts.join('\n');
    expect(all.match(/Cut here/g)).toHaveLength(1);
    for (const c of [...stacks[0]!.summary!.changes, ...stacks[2]!.summary!.changes]) expect(all).toContain(c.address);
  });

  it('more parts than maxParts › the rest is named in a visible notice, the footer kept', () => {
    const stacks = Array.from({ length: 30 }, (_, s) => bigStack(`ec2-team-${s}`, 60));
    const all = renderPlanComment(input(stacks));
    const parts = renderPlanComment(input(stacks, { maxParts: 2, footer: '_Approve in Slack._' }));
    expect(all.length).toBeGreaterThan(2);
    expect(parts).toHaveLength(2);
    expectWellFormed(parts);
    const last = parts[1]!;
    const shownStacks = stacks.filter((s) => parts.join('\n').includes(`<b>${s.stack}</b>`)).length;
    const notice =
      /… (\d+) more stacks \(([\d,]+) resource changes\) not shown, to keep this pull request readable; the full plan is in the check run log\./.exec(
        last,
      );
    expect(notice).not.toBeNull();
    expect(shownStacks + Number(notice![1])).toBe(30);
    expect(Number(notice![2]!.replace(/,/g, ''))).toBe((30 - shownStacks) * 60);
    expect(last.endsWith('_Approve in Slack._')).toBe(true);
  });

  it('a smaller maxLength › is honoured', () => {
    const stacks = Array.from({ length: 5 }, (_, s) => bigStack(`ec2-t${s}`, 10));
    const parts = renderPlanComment(input(stacks, { maxLength: 8000 }));
    expect(parts.length).toBeGreaterThan(1);
    for (const body of parts) {
      expect(body.length).toBeLessThanOrEqual(8000);
      expect(readStructure(body).problems).toEqual([]);
    }
  });

  it('hostile values › cannot break out of code fences or details', () => {
    const evil = resourceChange('aws_instance.evil["```\\n</details>"]', ['create'], {
      after: { description: '```\n</details>\n<script>alert(1)</script>\n~~~', tags: { Name: '`x`' } },
    });
    const stacks: StackPlanResult[] = [
      { ...planned('ec2-evil', [evil]), note: '</details> **bold** @everyone' },
      { stack: '<img src=x>', outcome: 'failed', error: 'line 1\n```\n</details>\n````\nafter' },
    ];
    const [body] = renderPlanComment(input(stacks));
    const { problems, markupLines, fencedLines } = readStructure(body!);
    expect(problems).toEqual([]);
    // Outside code, the only </details> are our own closing tags; hostile HTML stays literal text in code.
    expect(markupLines.filter((l) => l.includes('</details>'))).toEqual(['</details>', '</details>']);
    expect(markupLines.filter((l) => /<(img|script)/.test(l))).toEqual([]);
    expect(fencedLines.some((l) => l.includes('<script>alert(1)</script>'))).toBe(true);
    expect(body).not.toContain(' @everyone');
    expect(body).toMatchSnapshot();
  });

  it('long values › are cut with a visible count', () => {
    const change = resourceChange('aws_iam_policy.p', ['create'], { after: { policy: 'x'.repeat(2000) } });
    const [body] = renderPlanComment(input([planned('identity', [change])]));
    expect(body).toContain('… (1,502 more characters)');
  });

  it('unsafe marker or SHA, or impossible limits › are refused', () => {
    expect(() => renderPlanComment(input([], { marker: 'x --> <b>' }))).toThrow(/marker/);
    expect(() => renderPlanComment(input([], { headSha: 'main' }))).toThrow(/SHA/);
    expect(() => renderPlanComment(input([], { maxParts: 0 }))).toThrow(/maxParts/);
    expect(() => renderPlanComment(input([], { maxLength: 500 }))).toThrow(/maxLength/);
  });

  it('parsePlanCommentMarker › reads our marker back and ignores other comments', () => {
    const [body] = renderPlanComment(input([]));
    expect(parsePlanCommentMarker(body!, 'infra-bot:plan')).toEqual({ part: 1, total: 1, sha: SHA });
    expect(parsePlanCommentMarker(body!, 'other:plan')).toBeUndefined();
    expect(parsePlanCommentMarker('LGTM', 'infra-bot:plan')).toBeUndefined();
  });
});
