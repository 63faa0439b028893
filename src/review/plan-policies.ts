// The permission-bearing values of a Terraform plan, read from the raw plan JSON (not the display summary, which
// shortens and hides values): policy documents before and after, managed policy attachments, public access blocks
// and which Okta app group assignments change. Values Terraform marks sensitive are never read.
import type { TerraformPlan, TerraformResourceChange } from '../plan/terraform-json.js';

/** Resource type → the attribute that holds a policy document. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_iam_role: 'assume_role_policy',
};

export interface PlanPolicyChange {
  address: string;
  type: string;
  attribute: string;
  /** Raw values (JSON strings as the provider holds them); undefined when the object does not exist on that side. */
  before?: unknown;
  after?: unknown;
  /** The new value is only known after apply (it references something not yet created). */
  afterUnknown: boolean;
  /** Terraform marks the value sensitive: not compared, not shown. */
  sensitive: boolean;
}

export interface PlanAttachmentChange {
  address: string;
  arn: string;
  attached: boolean;
}

export interface PlanPermissionFacts {
  policies: PlanPolicyChange[];
  attachments: PlanAttachmentChange[];
  /** Public access block settings switched off (`aws_s3_bucket_public_access_block.x.block_public_policy`). */
  publicAccessOpened: string[];
  /** Addresses of the Okta app group assignments the plan changes. */
  assignmentsChanged: string[];
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (v: Json, key: string): Json => (isRecord(v) ? v[key] : undefined);
const isSet = (v: Json, key: string) => field(v, key) === true;

const PUBLIC_ACCESS_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

export function planPermissionFacts(plan: TerraformPlan): PlanPermissionFacts {
  const facts: PlanPermissionFacts = { policies: [], attachments: [], publicAccessOpened: [], assignmentsChanged: [] };
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed' || rc.deposed !== undefined) continue;
    const actions: readonly string[] = rc.change.actions;
    if (actions.includes('no-op') || actions.includes('read') || actions.includes('forget')) continue;
    const attribute = POLICY_ATTRIBUTES[rc.type];
    if (attribute) facts.policies.push(policyChange(rc, attribute));
    else if (rc.type === 'aws_iam_role_policy_attachment') attachment(rc, facts);
    else if (rc.type === 'aws_s3_bucket_public_access_block') publicAccess(rc, facts);
    else if (rc.type === 'okta_app_group_assignments') facts.assignmentsChanged.push(rc.address);
  }
  return facts;
}

function policyChange(rc: TerraformResourceChange, attribute: string): PlanPolicyChange {
  const { change } = rc;
  const sensitive = isSet(change.before_sensitive, attribute) || isSet(change.after_sensitive, attribute);
  const deleted = change.actions.length === 1 && change.actions[0] === 'delete';
  return {
    address: rc.address,
    type: rc.type,
    attribute,
    ...(sensitive
      ? {}
      : { before: field(change.before, attribute), after: deleted ? undefined : field(change.after, attribute) }),
    afterUnknown: !deleted && isSet(change.after_unknown, attribute),
    sensitive,
  };
}

function attachment(rc: TerraformResourceChange, facts: PlanPermissionFacts): void {
  const before = field(rc.change.before, 'policy_arn');
  const after = field(rc.change.after, 'policy_arn');
  const actions: readonly string[] = rc.change.actions;
  const deleted = actions.includes('delete');
  const created = actions.includes('create');
  if (deleted && typeof before === 'string' && before !== after)
    facts.attachments.push({ address: rc.address, arn: before, attached: false });
  if (created && typeof after === 'string' && before !== after)
    facts.attachments.push({ address: rc.address, arn: after, attached: true });
}

function publicAccess(rc: TerraformResourceChange, facts: PlanPermissionFacts): void {
  const { before, after } = rc.change;
  const actions: readonly string[] = rc.change.actions;
  if (actions.includes('delete') && !actions.includes('create')) {
    // The block goes away: whatever it blocked is allowed again.
    for (const flag of PUBLIC_ACCESS_FLAGS)
      if (isSet(before, flag)) facts.publicAccessOpened.push(`${rc.address}.${flag}`);
    return;
  }
  for (const flag of PUBLIC_ACCESS_FLAGS) {
    if (field(after, flag) === false && field(before, flag) !== false)
      facts.publicAccessOpened.push(`${rc.address}.${flag}`);
  }
}
