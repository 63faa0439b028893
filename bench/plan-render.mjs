// Times parse + summarise + comment + check output of a 5,000-resource plan (target: ≤ 200 ms median), with
// several-KB IAM policies changed by one action, security-group rule sets gaining one rule, outputs and drift.
// Reports the median (and the fastest run: on a shared machine the median also counts waiting for a core), and peak
// memory (RSS and heap). Build first:
//   npm run build && node bench/run.mjs --only plan-render      (or: node bench/plan-render.mjs [resources] [runs])
import { performance } from 'node:perf_hooks';
import { parsePlanJson } from '../lib/plan/terraform-json.js';
import { summarizePlan } from '../lib/plan/summarize-plan.js';
import { renderPlanOutputs } from '../lib/plan/render-plan-outputs.js';

const resources = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 15);
const STACKS = 50;

/** A policy of about 6 KB: many statements, one action widened in the `after` version. */
function policy(i, widened) {
  const statements = Array.from({ length: 24 }, (_, s) => ({
    Sid: `Stmt${s}`,
    Effect: 'Allow',
    Action: s === 17 && widened ? ['s3:*'] : ['s3:GetObject', 's3:ListBucket'],
    Resource: [`arn:aws:s3:::bucket-${i}-${s}`, `arn:aws:s3:::bucket-${i}-${s}/*`],
    Condition: { StringEquals: { 'aws:PrincipalTag/team': `team-${s}` } },
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const rule = (port) => ({ from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: [`10.${port % 250}.0.0/16`] });

/** Every fourth resource: an IAM policy or a security group; the rest EC2 instances (below). */
function policyOrGroup(i) {
  const isPolicy = i % 8 === 3;
  const before = isPolicy
    ? { name: `p-${i}`, policy: policy(i, false) }
    : { name: `sg-${i}`, ingress: Array.from({ length: 30 }, (_, r) => rule(1000 + r)) };
  const after = isPolicy
    ? { name: `p-${i}`, policy: policy(i, true) }
    : { name: `sg-${i}`, ingress: [rule(999), ...before.ingress] };
  const type = isPolicy ? 'aws_iam_policy' : 'aws_security_group';
  return {
    address: `${type}.r_${i}`,
    mode: 'managed',
    type,
    name: `r_${i}`,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  };
}

/** Mixed creates, updates and replaces with nested blocks, unknowns and sensitive values, like real AWS plans. */
function resourceChange(i) {
  if (i % 4 === 3) return policyOrGroup(i);
  const kind = i % 3;
  const before = {
    id: `i-${i}`,
    ami: 'ami-old',
    user_data: `#!/bin/sh\necho ${i}\n`,
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
  const drift = changes.slice(0, 3).filter((c) => c.change.actions[0] === 'update');
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes,
    resource_drift: drift,
    output_changes: {
      [`arn_${stack}`]: { actions: ['update'], before: 'a', after: null, after_unknown: true },
      [`secret_${stack}`]: {
        actions: ['create'],
        before: null,
        after: 's',
        after_unknown: false,
        after_sensitive: true,
      },
    },
    errored: false,
  });
}

const texts = Array.from({ length: STACKS }, (_, s) => planJsonForStack(s));
const bytes = texts.reduce((n, t) => n + t.length, 0);

function once() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Stack by stack, parse then summarise, as the PR workflow does (workflow/plan-stack.ts): only the summary
  // outlives a stack's step, so its parsed plan is garbage before the next stack is read.
  let parse = 0;
  let summarise = 0;
  const stacks = texts.map((text, s) => {
    const tStart = performance.now();
    const parsed = parsePlanJson(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const tParsed = performance.now();
    const summary = summarizePlan(parsed.plan, { secrets: ['tok_abcdef'] });
    parse += tParsed - tStart;
    summarise += performance.now() - tParsed;
    return { stack: `ec2-stack-${s}`, outcome: 'planned', summary };
  });
  const t1 = performance.now();
  const input = { marker: 'infra-bot:plan', repo: 'acme/infra', pr: 1, headSha: 'a'.repeat(40), stacks };
  // The comment and the check output, each stack section rendered once for both (as the PR workflow does).
  const { commentParts: parts, check } = renderPlanOutputs(input);
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    parse,
    summarise,
    render: t2 - t1,
    total: t2 - t0,
    cpuMs,
    parts: parts.length,
    check,
  };
}

once(); // warm-up (JIT)
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const results = Array.from({ length: runs }, () => {
  const result = once();
  const memory = process.memoryUsage();
  peakRss = Math.max(peakRss, memory.rss);
  peakHeap = Math.max(peakHeap, memory.heapUsed);
  return result;
}).sort((a, b) => a.total - b.total);
const median = results[Math.floor(results.length / 2)];
// CPU time next to wall time: on a shared machine the wall clock also counts time spent waiting for a core.
const cpuMedian = results.map((r) => r.cpuMs).sort((a, b) => a - b)[Math.floor(results.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(
  `plan-render: ${resources} resources in ${STACKS} stacks (${(bytes / 1e6).toFixed(1)} MB of plan JSON), ` +
    `median of ${runs}: total ${fmt(median.total)} wall, ${fmt(cpuMedian)} CPU (parse ${fmt(median.parse)}, summarise ${fmt(median.summarise)}, ` +
    `comment+check ${fmt(median.render)}), fastest ${fmt(results[0].total)}, ${median.parts} comment part(s); target ≤ 200 ms; ` +
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB`,
);
