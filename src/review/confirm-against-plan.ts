// The intent says one thing, the plan another: each difference becomes a warning a reviewer reads before approving.
// - a spec the intent creates, whose stack's plan does not create it (already there? state drift?);
// - a spec the intent removes, whose stack's plan keeps it;
// - a destroy or replace the intent did not ask for;
// - changes in a stack that no spec change explains (drift: something changed outside infra-bot);
// - policies, attachments and public access the plan changes unasked, or not as asked (confirm-policies.ts).
import type { PlanSummary, ResourceChangeSummary } from '../plan/summarize-plan.js';
import type { SpecKey } from '../specs/model.js';
import { confirmPolicies } from './confirm-policies.js';
import type { IntentChanges, SpecChange } from './intent-changes.js';
import type { PlanPermissionFacts } from './plan-policies.js';
import { ownerOf, parseAddress, primaryAddress, type ResourceOwner } from './resource-owner.js';

export interface PlanWarning {
  stack: string;
  spec?: SpecKey;
  address?: string;
  message: string;
  /** About permissions (a policy, an attachment, public access): shown at the top of the summary. */
  policy?: boolean;
}

/** Drifted resources named per stack before "… and N more". */
const DRIFT_LISTED = 5;

/** `permissions`: per stack, the permission-bearing values of its raw plan (plan-policies.ts), when known. */
export function confirmAgainstPlan(
  changes: IntentChanges,
  plans: ReadonlyMap<string, PlanSummary>,
  permissions: ReadonlyMap<string, PlanPermissionFacts> = new Map(),
): PlanWarning[] {
  if (changes.base === 'invalid') {
    return plans.size === 0
      ? []
      : [
          {
            stack: '',
            message: 'The base branch specs could not be read, so the plans were not compared with the intent.',
          },
        ];
  }
  const bySpec = new Map(changes.specs.map((c) => [c.key as string, c]));
  const identityChanged = changes.specs.some(
    (c) => (c.kind === 'IamSsoRole' || c.kind === 'OktaGroup') && c.type !== 'expiring',
  );
  const warnings: PlanWarning[] = [];
  const policyWarnings = confirmPolicies(changes, permissions).warnings;
  // Said once, in the words of the permission check, not again as drift.
  const saidAbove = new Set(policyWarnings.map((w) => `${w.stack}\u0000${w.address ?? ''}`));

  for (const change of changes.specs) {
    const plan = plans.get(change.stack);
    if (!plan || (change.type !== 'created' && change.type !== 'destroyed')) continue;
    const spec = (change.after ?? change.before)!;
    const address = primaryAddress(spec);
    const actions = plan.changes.filter((c) => c.address === address && !c.deposed).map((c) => c.action);
    if (change.type === 'created' && !actions.some((a) => a === 'create' || a === 'replace')) {
      warnings.push({
        stack: change.stack,
        spec: change.key,
        address,
        message: `The intent creates ${change.key}, but the plan for stack ${change.stack} does not create ${address}: it may already exist in the state.`,
      });
    }
    if (change.type === 'destroyed' && !actions.includes('delete')) {
      warnings.push({
        stack: change.stack,
        spec: change.key,
        address,
        message: `The intent removes ${change.key}, but the plan for stack ${change.stack} does not destroy ${address}.`,
      });
    }
  }

  for (const [stack, plan] of [...plans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const drift: ResourceChangeSummary[] = [];
    for (const rc of plan.changes) {
      if (rc.action === 'read' || parseAddress(rc.address)?.data !== false) continue;
      if (saidAbove.has(`${stack}\u0000${rc.address}`)) continue;
      const owner = ownerOf(stack, rc.address);
      const ownerChange = owner && 'spec' in owner ? bySpec.get(owner.spec) : undefined;
      if (explained(rc, owner, ownerChange, identityChanged)) continue;
      if (rc.action === 'delete' || rc.action === 'replace' || rc.action === 'forget') {
        warnings.push({ stack, address: rc.address, message: destructive(stack, rc, owner) });
      } else drift.push(rc);
    }
    if (drift.length > 0) warnings.push({ stack, message: driftLine(stack, drift) });
  }
  warnings.push(...policyWarnings);
  return warnings;
}

function explained(
  rc: ResourceChangeSummary,
  owner: ResourceOwner | undefined,
  change: SpecChange | undefined,
  identityChanged: boolean,
): boolean {
  if (!owner) return false;
  if ('federation' in owner) return identityChanged;
  // Values only known after apply: a consequence of another resource being replaced (a group's new id, say).
  if (rc.action === 'update' && rc.attributes.length > 0 && rc.attributes.every((a) => a.unknown)) return true;
  if (!change) return false;
  switch (rc.action) {
    case 'create':
    case 'update':
      // An expiry change rewrites the ExpiresAt tag; being due soon changes nothing.
      return change.type !== 'expiring' || change.expiry?.why !== 'soon';
    case 'delete':
    case 'forget':
    case 'replace':
      return change.type === 'destroyed' || change.type === 'changed';
    default:
      return true;
  }
}

function destructive(stack: string, rc: ResourceChangeSummary, owner: ResourceOwner | undefined): string {
  const whose = owner && 'spec' in owner ? `${owner.spec} did not change or go away` : 'no spec change explains it';
  const verb = rc.action === 'replace' ? 'replaces' : rc.action === 'forget' ? 'forgets' : 'destroys';
  const reason = rc.reason ? ` (${rc.reason})` : '';
  return `The plan for stack ${stack} ${verb} ${rc.address}${reason}, but ${whose}.`;
}

function driftLine(stack: string, drift: readonly ResourceChangeSummary[]): string {
  const listed = drift.slice(0, DRIFT_LISTED).map((rc) => `${rc.address} (${rc.action})`);
  const more = drift.length > DRIFT_LISTED ? ` and ${drift.length - DRIFT_LISTED} more` : '';
  const noun = drift.length === 1 ? 'a resource' : `${drift.length} resources`;
  return `The plan for stack ${stack} changes ${noun} no spec change explains (drift: changed outside infra-bot?): ${listed.join(', ')}${more}.`;
}
