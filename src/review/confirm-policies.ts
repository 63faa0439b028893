// Permissions in the plan vs the spec changes. A widening the specs ask for is confirmed when the plan does exactly
// that (the same policy, structurally; the attachment; the assignment). A policy the plan changes although no spec
// change asks for it is flagged: someone changed it outside infra-bot (the plan would put it back), or the plan
// would change it for a reason nobody reviewed. Public access blocks switched off are flagged always: no spec can ask.
import type { SpecKey } from '../specs/model.js';
import { policyName } from './access-grants.js';
import type { PlanWarning } from './confirm-against-plan.js';
import type { IntentChanges } from './intent-changes.js';
import type { PermissionChange } from './permission-changes.js';
import type { PlanPermissionFacts, PlanPolicyChange } from './plan-policies.js';
import { readPolicy, samePolicy, type PolicyDocument } from './policy-document.js';
import { policyDelta, type PolicyDelta } from './policy-widening.js';
import { ownerOf } from './resource-owner.js';

export interface PolicyCheck {
  /** Permission changes the plan does exactly. */
  confirmed: ReadonlySet<PermissionChange>;
  /** Permission changes the plan does differently or not at all. */
  mismatched: ReadonlySet<PermissionChange>;
  warnings: PlanWarning[];
}

const ASSIGNMENTS = 'okta_app_group_assignments.sso_assignments';
/** Grants or denies named in a warning before "and N more". */
const LISTED = 3;

export function confirmPolicies(changes: IntentChanges, facts: ReadonlyMap<string, PlanPermissionFacts>): PolicyCheck {
  const confirmed = new Set<PermissionChange>();
  const mismatched = new Set<PermissionChange>();
  const warnings: PlanWarning[] = [];
  if (changes.base === 'invalid') return { confirmed, mismatched, warnings };
  const bySpec = new Map(changes.specs.map((c) => [c.key as string, c]));
  const permissions = changes.permissions;

  for (const [stack, plan] of [...facts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const here = permissions.filter((p) => p.stack === stack);
    const warn = (address: string, message: string, spec?: SpecKey) =>
      warnings.push({ stack, address, message, policy: true, ...(spec && { spec }) });

    for (const change of plan.policies) {
      if (change.sensitive || change.afterUnknown || change.before === change.after) continue;
      const before = readPolicy(change.before);
      const after = readPolicy(change.after);
      if (before && after && samePolicy(before, after)) continue;
      const asked = here.find((p) => p.expects.kind === 'inline-policy' && p.expects.address === change.address);
      if (asked && asked.expects.kind === 'inline-policy') {
        const wanted = asked.expects.policy;
        const same =
          wanted === undefined ? change.after === undefined : after !== undefined && samePolicy(after, wanted);
        for (const p of here.filter((q) => sameTarget(q, change.address))) (same ? confirmed : mismatched).add(p);
        if (!same)
          warn(
            change.address,
            `The plan for stack ${stack} sets a different policy on ${change.address} than ${asked.key} asks for.`,
            asked.key,
          );
        continue;
      }
      const owner = ownerOf(stack, change.address);
      const ownerChange = owner && 'spec' in owner ? bySpec.get(owner.spec) : undefined;
      // A spec that comes or goes brings or takes its policies: the intent summary lists those.
      if (ownerChange?.type === 'created' && change.before === undefined) continue;
      if (ownerChange?.type === 'destroyed' && change.after === undefined) continue;
      warn(change.address, unexplained(stack, change, before, after), ownerChange?.key);
    }

    for (const p of here) {
      if (p.expects.kind === 'attachment') {
        const { arn, attached } = p.expects;
        const done = plan.attachments.some((a) => a.arn === arn && a.attached === attached);
        (done ? confirmed : mismatched).add(p);
        if (!done) {
          const verb = attached ? 'attach' : 'detach';
          warn(
            '',
            `${p.key} asks to ${verb} ${policyName(arn)}, but the plan for stack ${stack} does not ${verb} it.`,
            p.key,
          );
        }
      }
      if (p.expects.kind === 'assignment') {
        const done = plan.assignmentsChanged.length > 0;
        (done ? confirmed : mismatched).add(p);
        if (!done && !warnings.some((w) => w.spec === p.key && w.address === ASSIGNMENTS)) {
          warn(
            ASSIGNMENTS,
            `${p.key} changes which Okta group gets the role, but the plan for stack ${stack} does not change the AWS app's group assignments.`,
            p.key,
          );
        }
      }
    }
    for (const a of plan.attachments) {
      const asked = here.some((p) => p.expects.kind === 'attachment' && p.expects.arn === a.arn);
      const owner = ownerOf(stack, a.address);
      const ownerChange = owner && 'spec' in owner ? bySpec.get(owner.spec) : undefined;
      if (asked || ownerChange?.type === 'created' || ownerChange?.type === 'destroyed') continue;
      const verb = a.attached ? 'attaches' : 'detaches';
      warn(
        a.address,
        `The plan for stack ${stack} ${verb} ${policyName(a.arn)} (${a.address}) although no spec change asks for it — changed outside infra-bot?`,
      );
    }
    for (const flag of plan.publicAccessOpened) {
      const address = flag.slice(0, flag.lastIndexOf('.'));
      const owner = ownerOf(stack, address);
      if (owner && 'spec' in owner && bySpec.get(owner.spec)?.type === 'destroyed') continue;
      warn(
        address,
        `The plan for stack ${stack} turns off ${flag.slice(address.length + 1)} on ${address}: the bucket could become public, and no spec can ask for that.`,
      );
    }
  }
  // A change the plan both confirms (one resource) and contradicts (another) is not confirmed.
  for (const p of mismatched) confirmed.delete(p);
  return { confirmed, mismatched, warnings };
}

const sameTarget = (p: PermissionChange, address: string) =>
  p.expects.kind === 'inline-policy' && p.expects.address === address;

function unexplained(
  stack: string,
  change: PlanPolicyChange,
  before: PolicyDocument | undefined,
  after: PolicyDocument | undefined,
): string {
  const what = change.attribute === 'assume_role_policy' ? 'trust policy' : 'policy';
  const lead = `The plan for stack ${stack} changes the ${what} of ${change.address} although no spec change asks for it — changed outside infra-bot?`;
  if ((change.before !== undefined && !before) || (change.after !== undefined && !after)) return lead;
  const wider = policyDelta(before, after);
  const narrower = policyDelta(after, before);
  const parts: string[] = [];
  if (hasAny(wider)) parts.push(`applying it widens it: it would also allow ${deltaText(wider, 'no longer deny')}`);
  if (hasAny(narrower)) parts.push(`applying it takes away ${deltaText(narrower, 'adds')}`);
  return parts.length > 0 ? `${lead} ${capitalise(parts.join('; '))}.` : lead;
}

const hasAny = (d: PolicyDelta) => d.allowsMore.length > 0 || d.deniesDropped.length > 0;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const listText = (values: readonly string[]) =>
  values.length > LISTED
    ? `${values.slice(0, LISTED).join(', ')} and ${values.length - LISTED} more`
    : values.join(', ');

/** `denyVerb`: what dropped denies mean in this direction ("no longer deny" widening, "adds" narrowing). */
function deltaText(d: PolicyDelta, denyVerb: string): string {
  const grants = d.allowsMore.slice(0, LISTED).map((g) => {
    const actions = `${g.notActions ? 'everything except ' : ''}${listText(g.actions)}`;
    const resources = `${g.notResources ? 'everything except ' : ''}${listText(g.resources)}`;
    const who =
      g.principals.length > 0 ? ` for ${g.principals.includes('*') ? 'anyone (*)' : listText(g.principals)}` : '';
    return `${actions}${g.resourceImplied ? '' : ` on ${resources}`}${who}`;
  });
  if (d.allowsMore.length > LISTED) grants.push(`${d.allowsMore.length - LISTED} more statements`);
  const n = d.deniesDropped.length;
  if (n > 0) grants.push(`${denyVerb} ${n === 1 ? 'a Deny statement' : `${n} Deny statements`}`);
  return grants.join('; ');
}
