// Terraform plan → what a reviewer needs: counts, and per resource its action and changed attributes.
// Sensitive values (marked by Terraform, or containing a known secret) are replaced here, at the source.
import { secretScrubber } from './render-redact.js';
import { diffAttributes, type AttributeChange } from './summarize-attributes.js';
import type { PlanActions, TerraformPlan, TerraformResourceChange } from './terraform-json.js';

export type { AttributeChange } from './summarize-attributes.js';

/** `forget` (Terraform ≥ 1.7 `removed` blocks): dropped from state, left running. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'forget';

export type PlanCounts = Record<ChangeAction, number>;

export interface ResourceChangeSummary {
  address: string;
  type: string;
  name: string;
  action: ChangeAction;
  attributes: AttributeChange[];
  /** Terraform's `action_reason` (e.g. `replace_because_tainted`), when given. */
  reason?: string;
  /** Set when the change applies to a deposed object of the instance rather than its current one. */
  deposed?: string;
}

export interface PlanSummary {
  counts: PlanCounts;
  changes: ResourceChangeSummary[];
  noChanges: boolean;
}

export interface SummarizeOptions {
  /** Strings that must never be shown (length ≥ 4); any value containing one becomes `(sensitive)`. */
  secrets?: readonly string[];
  /** Resource addresses whose user data may be shown (their spec says it is not secret); all others hide it. */
  userDataShownFor?: ReadonlySet<string>;
}

export const emptyCounts = (): PlanCounts => ({ create: 0, update: 0, delete: 0, replace: 0, read: 0, forget: 0 });

/** `undefined` for `no-op`: not a change. Both replace orders, and create-then-forget, count as replace. */
export function actionOf(actions: PlanActions): ChangeAction | undefined {
  if (actions.length === 2) return 'replace';
  const [only] = actions;
  return only === 'no-op' ? undefined : only;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byAddress(a: TerraformResourceChange, b: TerraformResourceChange): number {
  return compareText(a.address, b.address) || compareText(a.deposed ?? '', b.deposed ?? '');
}

export function summarizePlan(plan: TerraformPlan, options: SummarizeOptions = {}): PlanSummary {
  const scrubber = secretScrubber(options.secrets);
  const counts = emptyCounts();
  const changes: ResourceChangeSummary[] = [];
  for (const rc of [...(plan.resource_changes ?? [])].sort(byAddress)) {
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    counts[action] += 1;
    const summary: ResourceChangeSummary = {
      address: scrubber.scrub(rc.address),
      type: rc.type,
      name: scrubber.scrub(rc.name),
      action,
      // A forgotten object keeps running: listing its attributes as removals would mislead.
      attributes: action === 'forget' ? [] : diffAttributes(rc.change, scrubber),
    };
    if (rc.action_reason) summary.reason = rc.action_reason;
    if (rc.deposed) summary.deposed = rc.deposed;
    changes.push(summary);
  }
  return { counts, changes, noChanges: changes.length === 0 };
}
