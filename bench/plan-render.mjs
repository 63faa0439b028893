// Times parse + summarise + render of a 5,000-resource plan (target: < 200 ms). Build first:
//   npx tsc -p tsconfig.json && node bench/plan-render.mjs [resources] [runs]
import { performance } from 'node:perf_hooks';
import { parsePlanJson } from '../lib/plan/terraform-json.js';
import { summarizePlan } from '../lib/plan/summarize-plan.js';
import { renderPlanComment } from '../lib/plan/render-plan-comment.js';
import { renderPlanCheckOutput } from '../lib/plan/render-check-summary.js';

const resources = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 15);
const STACKS = 50;

/** Mixed creates, updates and replaces with nested blocks, unknowns and sensitive values, like real AWS plans. */
function resourceChange(i) {
  const kind = i % 3;
  const before = {
    id: `i-${i}`,
    ami: 'ami-old',
    instance_type: 't3.micro',
    password: 'p4ss-old',
    root_block_device: [{ volume_size: 8, volume_type: 'gp3', encrypted: true }],
    tags: { Name: `box-${i}`, Team: 'a' },
  };
  const after = {
    ...before,
    ami: kind === 2 ? 'ami-new' : 'ami-old',
    password: 'p4ss-new',
    root_block_device: [{ volume_size: 20, volume_type: 'gp3', encrypted: true }],
    tags: { Name: `box-${i}`, Team: 'b' },
  };
  const actions = kind === 0 ? ['create'] : kind === 1 ? ['update'] : ['delete', 'create'];
  return {
    address: `aws_instance.box_${i}`,
    mode: 'managed',
    type: 'aws_instance',
    name: `box_${i}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions,
      before: kind === 0 ? null : before,
      after: kind === 0 ? { ...after, id: null } : after,
      after_unknown: { id: kind !== 1, arn: true, root_block_device: [{ volume_id: true }] },
      before_sensitive: kind === 0 ? false : { password: true, root_block_device: [{}], tags: {} },
      after_sensitive: { password: true, root_block_device: [{}], tags: {} },
      ...(kind === 2 ? { replace_paths: [['ami']] } : {}),
    },
  };
}

function planJsonForStack(stack) {
  const per = Math.ceil(resources / STACKS);
  const changes = [];
  for (let i = stack * per; i < Math.min(resources, (stack + 1) * per); i++) changes.push(resourceChange(i));
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes,
    errored: false,
  });
}

const texts = Array.from({ length: STACKS }, (_, s) => planJsonForStack(s));
const bytes = texts.reduce((n, t) => n + t.length, 0);

function once() {
  const t0 = performance.now();
  const stacks = texts.map((text, s) => {
    const parsed = parsePlanJson(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return {
      stack: `ec2-stack-${s}`,
      outcome: 'planned',
      summary: summarizePlan(parsed.plan, { secrets: ['tok_abcdef'] }),
    };
  });
  const t1 = performance.now();
  const input = { marker: 'infra-bot:plan', repo: 'acme/infra', pr: 1, headSha: 'a'.repeat(40), stacks };
  const parts = renderPlanComment(input);
  const check = renderPlanCheckOutput(input);
  const t2 = performance.now();
  return { parseSummarise: t1 - t0, render: t2 - t1, total: t2 - t0, parts: parts.length, check };
}

once(); // warm-up (JIT)
const results = Array.from({ length: runs }, once).sort((a, b) => a.total - b.total);
const median = results[Math.floor(results.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(
  `plan-render: ${resources} resources in ${STACKS} stacks (${(bytes / 1e6).toFixed(1)} MB of plan JSON), ` +
    `median of ${runs}: total ${fmt(median.total)} (parse+summarise ${fmt(median.parseSummarise)}, ` +
    `render ${fmt(median.render)}), ${median.parts} comment part(s); target < 200 ms`,
);
