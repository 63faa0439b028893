// Permissions widened or narrowed by the spec changes, said plainly for the top of the summary: an IamSsoRole's inline
// policy allowing more (or less), managed policies attached or detached (AdministratorAccess and its kind by name),
// an Okta group given (or losing) a role through the AWS app. Specs cannot make a bucket public or change a trust
// policy: those only ever show up in a plan, and confirm-policies.ts reports them.
import type { IntentSpecOf, SpecKey } from '../specs/model.js';
import { policyName } from './access-grants.js';
import { denyLine, grantsList } from './describe-policy.js';
import type { SpecChange } from './intent-changes.js';
import { readPolicy, type PolicyDocument } from './policy-document.js';
import { allowsOf, isBroad, policyDelta, type PolicyDelta } from './policy-widening.js';
import { code, plain, strong, type Line } from './rich-text.js';

export interface PermissionChange {
  direction: 'widened' | 'narrowed';
  key: SpecKey;
  stack: string;
  /** What changed, without the "Permissions widened:" lead (summary-sections adds it). */
  line: Line;
  /** `*`, `service:*`, `*` resources, or a high-privilege managed policy. */
  broad: boolean;
  /** What the plan must do for this change; confirm-policies.ts checks it. */
  expects:
    | { kind: 'inline-policy'; address: string; policy: PolicyDocument | undefined }
    | { kind: 'attachment'; arn: string; attached: boolean }
    | { kind: 'assignment'; group: string };
}

/** Managed policies that hand out (nearly) everything: named, with what they mean. */
export const HIGH_PRIVILEGE_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'full access to every service and resource in the account',
  PowerUserAccess: 'full access to every service except IAM and Organizations',
  IAMFullAccess: 'can create users and roles and attach any policy: a path to full access',
};

type Role = IntentSpecOf<'IamSsoRole'>;

export const inlineAddress = (role: string): string => `aws_iam_role_policy.role_${role}_inline`;

export function permissionChanges(specs: readonly SpecChange[]): PermissionChange[] {
  const out: PermissionChange[] = [];
  for (const change of specs) {
    if (change.kind !== 'IamSsoRole' || change.type === 'expiring') continue;
    const before = change.before as Role | undefined;
    const after = change.after as Role | undefined;
    const at = { key: change.key, stack: change.stack };
    out.push(...inlineChanges(change.name, before, after).map((c) => ({ ...at, ...c })));
    out.push(...managedChanges(change.name, before, after).map((c) => ({ ...at, ...c })));
    out.push(...assignmentChanges(change.name, before, after).map((c) => ({ ...at, ...c })));
  }
  // Widened first: they are what a reviewer must not miss.
  return out.sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'widened' ? -1 : 1));
}

type Found = Omit<PermissionChange, 'key' | 'stack'>;

function inlineChanges(name: string, before: Role | undefined, after: Role | undefined): Found[] {
  const was = before?.spec.inlinePolicy && readPolicy(before.spec.inlinePolicy);
  const now = after?.spec.inlinePolicy && readPolicy(after.spec.inlinePolicy);
  if (!was && !now) return [];
  const expects = { kind: 'inline-policy' as const, address: inlineAddress(name), policy: now };
  const role = [plain('role '), code(name)];
  const out: Found[] = [];
  const more = policyDelta(was, now);
  if (more.allowsMore.length > 0 || more.deniesDropped.length > 0) {
    const line: Line = [
      ...role,
      plain(before ? ' now allows ' : ' (new) allows '),
      ...deltaWords(more, 'what it denied: '),
    ];
    if (before) line.push(plain(' (was '), ...grantsList(allowsOf(was)), plain(')'));
    out.push({ direction: 'widened', line, broad: more.allowsMore.some(isBroad), expects });
  }
  // Reversed: what the old policy allowed beyond the new one, and the denies the new one adds.
  const less = policyDelta(now, was);
  if (after && less.allowsMore.length > 0) {
    const line: Line = [...role, plain(' no longer allows '), ...grantsList(less.allowsMore)];
    if (less.deniesDropped.length > 0)
      line.push(plain('; '), ...deltaWords({ ...less, allowsMore: [] }, 'now denies '));
    out.push({ direction: 'narrowed', line, broad: false, expects });
  } else if (after && less.deniesDropped.length > 0) {
    const line: Line = [...role, plain(' '), ...deltaWords({ ...less, allowsMore: [] }, 'now denies ')];
    out.push({ direction: 'narrowed', line, broad: false, expects });
  } else if (!after && was) {
    const line: Line = [...role, plain(' is deleted: it no longer allows '), ...grantsList(allowsOf(was))];
    out.push({ direction: 'narrowed', line, broad: false, expects });
  }
  return out;
}

/** "`s3:*` on `*`; what it denied: `s3:DeleteBucket` on `*`" (`denyLead` introduces the denies). */
function deltaWords(delta: PolicyDelta, denyLead: string): Line {
  const words: Line = delta.allowsMore.length > 0 ? grantsList(delta.allowsMore) : [];
  if (delta.deniesDropped.length > 0) {
    if (words.length > 0) words.push(plain('; '));
    words.push(plain(denyLead));
    delta.deniesDropped.forEach((d, i) => words.push(...(i > 0 ? [plain('; ')] : []), ...denyLine(d)));
  }
  return words;
}

function managedChanges(name: string, before: Role | undefined, after: Role | undefined): Found[] {
  const was = new Set(before?.spec.managedPolicyArns ?? []);
  const now = new Set(after?.spec.managedPolicyArns ?? []);
  const line = (arn: string, verb: string): Line => {
    const policy = policyName(arn);
    const meaning = HIGH_PRIVILEGE_POLICIES[policy];
    return [
      plain('role '),
      code(name),
      plain(verb),
      meaning ? strong(policy) : code(policy),
      ...(meaning ? [plain(` (${meaning})`)] : []),
    ];
  };
  return [
    ...[...now]
      .filter((arn) => !was.has(arn))
      .map((arn): Found => ({
        direction: 'widened',
        line: line(arn, before ? ' gets ' : ' (new) gets '),
        broad: HIGH_PRIVILEGE_POLICIES[policyName(arn)] !== undefined,
        expects: { kind: 'attachment', arn, attached: true },
      })),
    ...[...was]
      .filter((arn) => !now.has(arn))
      .map((arn): Found => ({
        direction: 'narrowed',
        line: line(arn, ' loses '),
        broad: false,
        expects: { kind: 'attachment', arn, attached: false },
      })),
  ];
}

function assignmentChanges(name: string, before: Role | undefined, after: Role | undefined): Found[] {
  const [was, now] = [before?.spec.oktaGroup, after?.spec.oktaGroup];
  if (was === now) return [];
  const line = (group: string, verb: string): Line => [
    plain('Okta group '),
    code(group),
    plain(verb),
    code(name),
    plain(' through the AWS app'),
  ];
  return [
    ...(now === undefined
      ? []
      : [
          {
            direction: 'widened' as const,
            line: line(now, ' is assigned role '),
            broad: false,
            expects: { kind: 'assignment' as const, group: now },
          },
        ]),
    ...(was === undefined
      ? []
      : [
          {
            direction: 'narrowed' as const,
            line: line(was, ' is no longer assigned role '),
            broad: false,
            expects: { kind: 'assignment' as const, group: was },
          },
        ]),
  ];
}
