// Terraform plan → what a reviewer needs: counts, and per resource its action and changed attributes, plus output
// changes and drift. Sensitive values (marked by Terraform, or containing a known secret) are replaced here, at the
// source; user data is reduced to a flag unless the spec says it holds nothing secret.
import { USER_DATA_ATTRIBUTES, USER_DATA_TYPES } from './diff-user-data.js';
import { secretScrubber, type SecretScrubber } from './render-redact.js';
import { diffAttributeTree, type AttributeChange, type DiffNote, type DiffOptions } from './summarize-attributes.js';
import type { PlanActions, TerraformPlan, TerraformResourceChange } from './terraform-json.js';

export type { AttributeChange, DiffNote } from './summarize-attributes.js';

/**
 * `forget` (Terraform ≥ 1.7 `removed` blocks): dropped from state, left running. `import` and `move` are changes
 * whose only effect is on state (Terraform's action `no-op` with `importing` / `previous_address`).
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'forget' | 'import' | 'move';

/** Counts of resource actions; `import`/`move` count resources imported/moved whatever their action, `outputs`
 * counts changed outputs (optional: summaries stored before they existed lack them). */
export type PlanCounts = Record<Exclude<ChangeAction, 'import' | 'move'>, number> & {
  import?: number;
  move?: number;
  outputs?: number;
};

/** `["delete","create"]` (-/+) or `["create","delete"]` (+/-, `create_before_destroy`). */
export type ReplaceOrder = 'delete-before-create' | 'create-before-destroy';

export interface ResourceChangeSummary {
  address: string;
  type: string;
  name: string;
  action: ChangeAction;
  attributes: AttributeChange[];
  /** Context between attribute lines (`3 unchanged elements hidden`, `JSON reformatted only`). */
  notes?: DiffNote[];
  /** Terraform's `action_reason` (e.g. `replace_because_tainted`), when given. */
  reason?: string;
  /** Set when the change applies to a deposed object of the instance rather than its current one. */
  deposed?: string;
  /** Set when the object is imported (`id` when Terraform gives it). */
  importing?: { id?: string };
  /** The address the object had before a `moved` block. */
  previousAddress?: string;
  replaceOrder?: ReplaceOrder;
}

export interface OutputChangeSummary {
  name: string;
  action: 'create' | 'update' | 'delete';
  /** Before/after per leaf, path `(value)` for a scalar output; `(sensitive)` / `(known after apply)` where marked. */
  attributes: AttributeChange[];
  notes?: DiffNote[];
  /** Some part of the value is sensitive (shown as `(sensitive)`) / only known after apply. */
  sensitive: boolean;
  unknown: boolean;
}

export interface PlanSummary {
  counts: PlanCounts;
  /** Ordered by risk: delete, replace, forget, update, import/move, create, read (then address). */
  changes: ResourceChangeSummary[];
  /** True only when nothing at all would be applied: no resource change, import, move or output change. */
  noChanges: boolean;
  outputs?: OutputChangeSummary[];
  /** Objects changed outside infra-bot since the last apply (`resource_drift`), already in the state refresh. */
  drift?: ResourceChangeSummary[];
}

export interface SummarizeOptions {
  /** Strings that must never be shown (length ≥ 4); any value containing one becomes `(sensitive)`. */
  secrets?: readonly string[];
  /** Resource addresses whose spec marks user data as non-secret: their user data is shown as text. */
  userDataShownFor?: ReadonlySet<string>;
}

export const emptyCounts = (): PlanCounts => ({
  create: 0,
  update: 0,
  delete: 0,
  replace: 0,
  read: 0,
  forget: 0,
  import: 0,
  move: 0,
  outputs: 0,
});

/** `undefined` for `no-op`: not a change. Both replace orders, and create-then-forget, count as replace. */
export function actionOf(actions: PlanActions): Exclude<ChangeAction, 'import' | 'move'> | undefined {
  if (actions.length === 2) return 'replace';
  const [only] = actions;
  return only === 'no-op' ? undefined : only;
}

const RISK: Record<ChangeAction, number> = {
  delete: 0,
  replace: 1,
  forget: 2,
  update: 3,
  import: 4,
  move: 4,
  create: 5,
  read: 6,
};

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const byRisk = (a: ResourceChangeSummary, b: ResourceChangeSummary): number =>
  RISK[a.action] - RISK[b.action] || compareText(a.address, b.address) || compareText(a.deposed ?? '', b.deposed ?? '');

function replaceOrder(actions: PlanActions): ReplaceOrder | undefined {
  if (actions[0] === 'delete' && actions[1] === 'create') return 'delete-before-create';
  if (actions[0] === 'create' && actions[1] === 'delete') return 'create-before-destroy';
  return undefined;
}

function summarizeResource(
  rc: TerraformResourceChange,
  scrubber: SecretScrubber,
  options: SummarizeOptions,
  guessSensitive: boolean,
): ResourceChangeSummary | undefined {
  const acted = actionOf(rc.change.actions);
  const moved = rc.previous_address !== undefined && rc.previous_address !== rc.address;
  const action: ChangeAction | undefined = acted ?? (rc.change.importing ? 'import' : moved ? 'move' : undefined);
  if (!action) return undefined;
  const hideUserData = USER_DATA_TYPES.has(rc.type) && !options.userDataShownFor?.has(rc.address);
  const diffOptions: DiffOptions = { guessSensitive, ...(hideUserData ? { flagged: USER_DATA_ATTRIBUTES } : {}) };
  // A forgotten object keeps running: listing its attributes as removals would mislead.
  const diff =
    action === 'forget' ? { attributes: [], notes: [] } : diffAttributeTree(rc.change, scrubber, diffOptions);
  const summary: ResourceChangeSummary = {
    address: scrubber.scrub(rc.address),
    type: rc.type,
    name: scrubber.scrub(rc.name),
    action,
    attributes: diff.attributes,
  };
  if (diff.notes.length) summary.notes = diff.notes;
  if (rc.action_reason) summary.reason = rc.action_reason;
  if (rc.deposed) summary.deposed = rc.deposed;
  if (rc.change.importing) {
    const id = rc.change.importing.id;
    summary.importing = id === undefined ? {} : { id: scrubber.scrub(id) };
  }
  if (moved) summary.previousAddress = scrubber.scrub(rc.previous_address!);
  const order = replaceOrder(rc.change.actions);
  if (order) summary.replaceOrder = order;
  return summary;
}

function summarizeOutputs(plan: TerraformPlan, scrubber: SecretScrubber): OutputChangeSummary[] {
  const outputs: OutputChangeSummary[] = [];
  for (const name of Object.keys(plan.output_changes ?? {}).sort(compareText)) {
    const change = plan.output_changes![name]!;
    const action = actionOf(change.actions);
    if (action !== 'create' && action !== 'update' && action !== 'delete') continue;
    const diff = diffAttributeTree(change, scrubber);
    const output: OutputChangeSummary = {
      name: scrubber.scrub(name),
      action,
      attributes: diff.attributes,
      sensitive: diff.attributes.some((a) => a.sensitive),
      unknown: diff.attributes.some((a) => a.unknown),
    };
    if (diff.notes.length) output.notes = diff.notes;
    outputs.push(output);
  }
  return outputs;
}

export function summarizePlan(plan: TerraformPlan, options: SummarizeOptions = {}): PlanSummary {
  const scrubber = secretScrubber(options.secrets);
  const guessSensitive = plan.format_version === '0.1';
  const counts = emptyCounts();
  const changes: ResourceChangeSummary[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const summary = summarizeResource(rc, scrubber, options, guessSensitive);
    if (!summary) continue;
    if (summary.action !== 'import' && summary.action !== 'move') counts[summary.action] += 1;
    if (summary.importing) counts.import! += 1;
    if (summary.previousAddress !== undefined) counts.move! += 1;
    changes.push(summary);
  }
  const drift: ResourceChangeSummary[] = [];
  for (const rc of plan.resource_drift ?? []) {
    const summary = summarizeResource(rc, scrubber, options, guessSensitive);
    if (summary) drift.push(summary);
  }
  const outputs = summarizeOutputs(plan, scrubber);
  counts.outputs = outputs.length;
  return {
    counts,
    changes: changes.sort(byRisk),
    noChanges: changes.length === 0 && outputs.length === 0,
    outputs,
    drift: drift.sort(byRisk),
  };
}
