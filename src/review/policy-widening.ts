// What one policy allows that the other did not. Each Allow statement is read as (principal, action, resource)
// grants under its condition; a grant is covered when some statement of the other side allows it with a wildcard
// that matches (`s3:*` covers `s3:GetObject`, `*` covers any ARN) under no condition or the same one. Denies count
// the other way: a Deny that goes away widens. Statements with NotAction/NotResource/NotPrincipal are compared whole.
import { statementKey, type PolicyDocument, type PolicyStatement } from './policy-document.js';

export interface AllowGrants {
  principals: string[];
  actions: string[];
  resources: string[];
  /** Everything except these (NotAction / NotResource / NotPrincipal). */
  notActions: boolean;
  notResources: boolean;
  /** The statement names no Resource (a trust policy's): said without "on …". */
  resourceImplied: boolean;
  conditional: boolean;
}

export interface PolicyDelta {
  /** What the second policy allows that the first did not, per statement of the second. */
  allowsMore: AllowGrants[];
  /** Denies in the first that the second drops. */
  deniesDropped: PolicyStatement[];
}

/** IAM wildcards: `*` any run of characters, `?` one. Actions are case-insensitive, ARNs are not. */
function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

const matchers = new Map<string, RegExp>();
function covers(pattern: string, value: string, caseInsensitive: boolean): boolean {
  if (pattern === value || pattern === '*') return true;
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let matcher = matchers.get(key);
  if (!matcher) {
    if (matchers.size > 5_000) matchers.clear();
    matcher = wildcard(pattern, caseInsensitive);
    matchers.set(key, matcher);
  }
  return matcher.test(value);
}

const simple = (s: PolicyStatement) => !s.actions.not && !s.resources.not && !s.principals?.not;
const PRINCIPAL_ANYONE = ['*'];

/** Whether `by` allows `action` on `resource` for `principal` under `condition`. */
function allowedBy(by: PolicyStatement, principal: string, action: string, resource: string, condition: string) {
  if (by.condition !== '' && by.condition !== condition) return false;
  const who = by.principals?.values ?? PRINCIPAL_ANYONE;
  return (
    who.some((p) => covers(p, principal, false)) &&
    by.actions.values.some((a) => covers(a, action, true)) &&
    by.resources.values.some((r) => covers(r, resource, false))
  );
}

function uncovered(statement: PolicyStatement, others: readonly PolicyStatement[]): AllowGrants | undefined {
  const conditional = statement.condition !== '';
  const base = {
    notActions: statement.actions.not,
    notResources: statement.resources.not,
    resourceImplied: statement.resources.implied === true,
    conditional,
    principals: statement.principals?.values ?? [],
  };
  if (!simple(statement)) {
    const same = others.some((o) => statementKey(o) === statementKey(statement));
    return same ? undefined : { ...base, actions: statement.actions.values, resources: statement.resources.values };
  }
  const allows = others.filter((o) => o.effect === 'Allow' && simple(o));
  const principals = statement.principals?.values ?? [''];
  const actions = new Set<string>();
  const resources = new Set<string>();
  const who = new Set<string>();
  for (const principal of principals) {
    for (const action of statement.actions.values) {
      for (const resource of statement.resources.values) {
        if (allows.some((o) => allowedBy(o, principal, action, resource, statement.condition))) continue;
        actions.add(action);
        resources.add(resource);
        if (principal !== '') who.add(principal);
      }
    }
  }
  if (actions.size === 0) return undefined;
  return { ...base, principals: [...who], actions: [...actions], resources: [...resources] };
}

/** What `after` allows beyond `before` (undefined: no policy, allows nothing). */
export function policyDelta(before: PolicyDocument | undefined, after: PolicyDocument | undefined): PolicyDelta {
  const was = before?.statements ?? [];
  const now = after?.statements ?? [];
  const allowsMore: AllowGrants[] = [];
  for (const statement of now) {
    if (statement.effect !== 'Allow') continue;
    const more = uncovered(statement, was);
    if (more) allowsMore.push(more);
  }
  const kept = new Set(now.filter((s) => s.effect === 'Deny').map(statementKey));
  const deniesDropped = was.filter((s) => s.effect === 'Deny' && !kept.has(statementKey(s)));
  return { allowsMore, deniesDropped };
}

export const widens = (delta: PolicyDelta): boolean => delta.allowsMore.length > 0 || delta.deniesDropped.length > 0;

/** `*`, `service:*`, a `*` resource or principal: what a reviewer must not miss. */
export function isBroad(grants: AllowGrants): boolean {
  return (
    grants.notActions ||
    grants.notResources ||
    grants.actions.some((a) => a === '*' || /^[\w-]+:\*$/.test(a)) ||
    (grants.resources.includes('*') && !grants.resourceImplied) ||
    grants.principals.includes('*')
  );
}

/** Every Allow of a policy, as grants: for "(was …)". */
export function allowsOf(policy: PolicyDocument | undefined): AllowGrants[] {
  return policyDelta(undefined, policy).allowsMore;
}
