import { describe, expect, it } from '@jest/globals';
import {
  GITHUB_COMMENT_LIMIT,
  parsePlanCommentMarker,
  renderPlanComment,
  type PlanCommentInput,
  type StackPlanResult,
} from '../../../src/plan/render-plan-comment.js';
import { RESOURCE_HEADER } from '../../../src/plan/render-resource-diff.js';
import { summarizePlan } from '../../../src/plan/summarize-plan.js';
import type { PlanActions } from '../../../src/plan/terraform-json.js';
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

  it('several stacks with intent summary and footer › intent first, then each stack (risk first), footer last', () => {
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
    // risk first: the stack that destroys something, then the others by name
    const order = [
      '| ➕ create',
      '#### What changes',
      '<b>s3-logs</b>',
      '<b>ec2-devbox</b>',
      '<b>identity</b>',
      '_infra-bot_',
    ];
    const positions = order.map((text) => body!.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(body).toContain('| 1 | 1 | 1 | 0 | 3 planned · 1 no changes · 1 locked · 1 skipped |');
    expect(body).toMatchSnapshot();
  });

  it('large multi-stack plan › every part within the limit, balanced, each resource shown exactly once', () => {
    const stacks = Array.from({ length: 30 }, (_, s) => bigStack(`ec2-team-${s}`, 60));
    const parts = renderPlanComment(input(stacks, { intentSummaryMarkdown: '#### Intent\n\nMany boxes.' }));
    expect(parts.length).toBeGreaterThan(1);
    expectWellFormed(parts);
    parts.slice(1).forEach((body, i) => expect(body).toContain(`(part ${i + 2} of ${parts.length})`));
    const all = parts.join('\n');
    expect(all).not.toContain('Cut here');
    const headers = parts.flatMap((p) => readStructure(p).markupLines.filter((l) => RESOURCE_HEADER.test(l)));
    expect(headers).toHaveLength(30 * 60);
    // each stack starts once; any other mention is a continuation
    for (const stack of stacks) expect(all.split(`<details>\n<summary>📝 <b>${stack.stack}</b>`)).toHaveLength(2);
  });

  it('one stack larger than a comment › continues into the next parts, fences and details reopened, nothing lost', () => {
    const stack = bigStack('ec2-fleet', 1500);
    const parts = renderPlanComment(input([stack], { footer: '_Approve in Slack._' }));
    expectWellFormed(parts);
    expect(parts.length).toBeGreaterThan(1);
    const all = parts.join('\n');
    expect(all).not.toContain('Cut here');
    for (const c of stack.summary!.changes) expect(all.split(`\`${c.address}\``)).toHaveLength(2);
    parts.slice(1).forEach((body, i) => {
      expect(body).toContain(
        `<details open>\n<summary>📝 <b>ec2-fleet</b> — +1,500 ~0 -0 ±0 (continued from part ${i + 1})</summary>`,
      );
    });
    expect(parts[parts.length - 1]!.endsWith('_Approve in Slack._')).toBe(true);
  });

  it('one resource whose diff alone exceeds a part › continues in the same diff block, no line lost', () => {
    const tags = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`tag_${i}`, `value-${i}`]));
    const huge = resourceChange('aws_s3_bucket.huge', ['update'], { before: { tags: {} }, after: { tags } });
    const parts = renderPlanComment(input([planned('s3-huge', [huge])], { maxLength: 20_000 }));
    expect(parts.length).toBeGreaterThan(2);
    parts.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(20_000);
      expect(readStructure(body).problems).toEqual([]);
      if (i > 0) expect(body).toMatch(/\(continued from part \d+\)<\/summary>\n\n```diff\n/);
    });
    const fenced = parts.flatMap((body) => readStructure(body).fencedLines);
    for (let i = 0; i < 2500; i++) expect(fenced.filter((l) => l.includes(`tags.tag_${i} `))).toHaveLength(1);
  });

  it('risk first › stacks with destroys or replacements come first, then failed ones, then the rest by name', () => {
    const stacks: StackPlanResult[] = [
      planned('a-create', [createInstance]),
      { stack: 'b-failed', outcome: 'failed', error: 'boom' },
      planned('c-replace', [replaceInstance]),
      planned('d-delete', [deleteBucket]),
      { stack: 'a-locked', outcome: 'locked', lockedBy: { pr: 3 } },
    ];
    const [body] = renderPlanComment(input(stacks, { intentSummaryMarkdown: '#### Intent' }));
    const names = ['#### Intent', 'c-replace', 'd-delete', 'b-failed', 'a-create', 'a-locked'];
    const at = names.map((n) => body!.indexOf(n.startsWith('#') ? n : `<b>${n}</b>`));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((x, y) => x - y));
    // everything fits in part 1: no extra list
    expect(body).not.toContain('Destroys/replacements in this plan');
  });

  it('1,000 changes in many stacks › every address shown, parts fit and balance, destroys/replacements in part 1', () => {
    const policy = (s: number, i: number) =>
      JSON.stringify({ Statement: Array.from({ length: 6 }, (_, k) => `${s}-${i}-${k}`) });
    const stacks = Array.from({ length: 40 }, (_, s) => {
      const changes = Array.from({ length: 25 }, (_, i) => {
        const action: PlanActions =
          i % 10 === 3 ? ['delete'] : i % 10 === 7 ? ['delete', 'create'] : i % 2 ? ['update'] : ['create'];
        const attrs = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`attr_${k}`, `${policy(s, i)}-${k}`]));
        return resourceChange(`aws_iam_policy.p_${s}_${i}`, action, {
          before: action[0] === 'create' ? null : { ...attrs, old: 'x' },
          after: action.length === 1 && action[0] === 'delete' ? null : attrs,
        });
      });
      return planned(`stack-${String(s).padStart(2, '0')}`, changes);
    });
    const parts = renderPlanComment(input(stacks, { intentSummaryMarkdown: '#### Intent', footer: '_footer_' }));
    expect(parts.length).toBeGreaterThan(3);
    expectWellFormed(parts);
    const all = parts.join('\n');
    expect(all).not.toContain('Cut here');
    const addresses = stacks.flatMap((s) => s.summary!.changes.map((c) => [c.address, c.action] as const));
    expect(addresses).toHaveLength(1000);
    for (const [address] of addresses) expect(all).toContain(`\`${address}\``);
    const risky = addresses.filter(([, action]) => action === 'delete' || action === 'replace');
    expect(risky.length).toBeGreaterThan(100);
    for (const [address] of risky) expect(parts[0]).toContain(`\`${address}\``);
    expect(parts[0]).toContain(`Destroys/replacements in this plan (${risky.length}).`);
    expect(parts[0]).toContain('\n- **destroy** `aws_iam_policy.p_0_3` in `stack-00`\n');
    expect(parts[0]).toContain('\n- **replace** `aws_iam_policy.p_0_7` in `stack-00`\n');
    // after the intent summary (which stays first), before any stack
    const list = parts[0]!.indexOf('Destroys/replacements in this plan');
    expect(list).toBeGreaterThan(parts[0]!.indexOf('#### Intent'));
    expect(list).toBeLessThan(parts[0]!.indexOf('<details'));
    expect(parts[parts.length - 1]!.endsWith('_footer_')).toBe(true);
  });

  it('replacements only (-/+ and +/-), the last one past part 1 › the destroy/replace list is in part 1', () => {
    const policy = (s: number, i: number) =>
      JSON.stringify({ Statement: Array.from({ length: 6 }, (_, k) => `${s}-${i}-${k}`) });
    const stacks = Array.from({ length: 40 }, (_, s) => {
      const changes = Array.from({ length: 25 }, (_, i) => {
        const attrs = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`attr_${k}`, `${policy(s, i)}-${k}`]));
        const replace: PlanActions = s % 2 === 0 ? ['delete', 'create'] : ['create', 'delete'];
        return resourceChange(`aws_iam_policy.p_${s}_${i}`, i === 0 ? replace : ['update'], {
          before: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, `${v}-old`])),
          after: attrs,
        });
      });
      return planned(`stack-${String(s).padStart(2, '0')}`, changes);
    });
    const parts = renderPlanComment(input(stacks, { intentSummaryMarkdown: '#### Intent' }));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]).toContain('Destroys/replacements in this plan (40).');
    expect(parts[0]).toContain('\n- **replace** `aws_iam_policy.p_39_0` in `stack-39`\n');
  });

  it('a plan past the part cap › the notice counts what is left out and says what to do; the footer kept', () => {
    const stacks = Array.from({ length: 30 }, (_, s) => bigStack(`ec2-team-${String(s).padStart(2, '0')}`, 60));
    const parts = renderPlanComment(input(stacks, { maxParts: 2, footer: '_Approve in Slack._' }));
    expect(parts).toHaveLength(2);
    expectWellFormed(parts);
    const last = parts[1]!;
    const all = parts.join('\n');
    const shown = parts.flatMap((p) => readStructure(p).markupLines.filter((l) => RESOURCE_HEADER.test(l)));
    const notice =
      /… [\d,]+ more lines \(([\d,]+) resource changes\) not shown, (\d+) more stacks among them: more than 2 comments would be needed; this plan is too large to show on GitHub in full, so do not approve it as it stands: split the change into smaller pull requests\./.exec(
        last,
      );
    expect(notice).not.toBeNull();
    expect(shown.length + Number(notice![1]!.replace(/,/g, ''))).toBe(30 * 60);
    const started = stacks.filter((s) => all.includes(`<b>${s.stack}</b>`)).length;
    expect(started + Number(notice![2])).toBe(30);
    expect(last.endsWith('_Approve in Slack._')).toBe(true);
  });

  it('the default cap › is 100 parts: a plan needing fewer is never cut', () => {
    const stacks = Array.from({ length: 12 }, (_, s) => bigStack(`ec2-big-${s}`, 1000));
    const parts = renderPlanComment(input(stacks));
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.length).toBeLessThan(100);
    expect(parts.join('\n')).not.toContain('Cut here');
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
    expect(() => renderPlanComment(input([], { footer: 'f'.repeat(3000) }))).toThrow(/footer/);
    expect(() => renderPlanComment(input([], { maxLength: 500 }))).toThrow(/maxLength/);
  });

  it('parsePlanCommentMarker › reads our marker back and ignores other comments', () => {
    const [body] = renderPlanComment(input([]));
    expect(parsePlanCommentMarker(body!, 'infra-bot:plan')).toEqual({ part: 1, total: 1, sha: SHA });
    expect(parsePlanCommentMarker(body!, 'other:plan')).toBeUndefined();
    expect(parsePlanCommentMarker('LGTM', 'infra-bot:plan')).toBeUndefined();
  });
});
