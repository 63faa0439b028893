// Which spec a planned resource belongs to, from the addresses synth/ gives them: EC2 and S3 stacks hold one spec
// each; in the identity stack the construct id names the spec (`user_<name>`, `group_<name>`, `role_<name>…`), and
// `sso_*` is the shared SAML federation. test/unit/review/resource-owner.test.ts pins this against real synthesis.
import type { IntentSpec, SpecKey } from '../specs/model.js';

export type ResourceOwner = { spec: SpecKey } | { federation: true };

/** `module.a.aws_instance.box[0]` → `{ type: 'aws_instance', name: 'box', data: false }`. */
export function parseAddress(address: string): { type: string; name: string; data: boolean } | undefined {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  while (parts[0] === 'module' && parts.length > 2) parts.splice(0, 2);
  const data = parts[0] === 'data';
  if (data) parts.shift();
  if (parts.length !== 2) return undefined;
  return { type: parts[0]!, name: parts[1]!, data };
}

const IDENTITY_OWNERS: readonly [RegExp, string][] = [
  [/^user_([a-z0-9-]+)(?:_groups)?$/, 'OktaUser'],
  [/^group_([a-z0-9-]+)$/, 'OktaGroup'],
  [/^role_([a-z0-9-]+)(?:_(?:policy_.+|inline))?$/, 'IamSsoRole'],
];

export function ownerOf(stack: string, address: string): ResourceOwner | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  if (stack.startsWith('ec2-')) return { spec: `Ec2Instance/${stack.slice(4)}` };
  if (stack.startsWith('s3-')) return { spec: `S3Bucket/${stack.slice(3)}` };
  if (stack !== 'identity') return undefined;
  if (parsed.name.startsWith('sso_')) return { federation: true };
  for (const [pattern, kind] of IDENTITY_OWNERS) {
    const match = pattern.exec(parsed.name);
    if (match) return { spec: `${kind}/${match[1]!}` as SpecKey };
  }
  return undefined;
}

/** The resource whose creation or destruction is the spec's: the plan must show it when the spec comes or goes. */
export function primaryAddress(spec: IntentSpec): string {
  const { name } = spec.metadata;
  switch (spec.kind) {
    case 'OktaUser':
      return `okta_user.user_${name}`;
    case 'OktaGroup':
      return `okta_group.group_${name}`;
    case 'IamSsoRole':
      return `aws_iam_role.role_${name}`;
    case 'Ec2Instance':
      return 'aws_instance.instance';
    case 'S3Bucket':
      return 'aws_s3_bucket.bucket';
  }
}
