// Which spec a planned resource belongs to, from the addresses synth/ gives them: EC2 and S3 stacks hold one spec
// each (so do Okta users and groups in the per-spec layout); in the identity and sso stacks the construct id names the
// spec (`user_<name>`, `group_<name>`, `role_<name>…`, each kind's `placement.ownerPattern`), and `sso_*` is the
// shared SAML federation. test/unit/review/resource-owner.test.ts
// and test/unit/kinds/contract.test.ts pin this against real synthesis.
import { kindRegistry } from '../kinds/index.js';
import { IDENTITY_STACK, SSO_STACK } from '../kinds/stack-names.js';
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

/** The owner of a planned resource: the spec its stack or construct id names (each kind's placement says how). */
export function ownerOf(stack: string, address: string): ResourceOwner | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  // `sso_*` in the stack the roles share: the SAML federation every IamSsoRole shares, no single spec's.
  if ((stack === IDENTITY_STACK || stack === SSO_STACK) && parsed.name.startsWith('sso_')) return { federation: true };
  const spec = kindRegistry.ownerInStack(stack, parsed.name);
  return spec === undefined ? undefined : { spec };
}

/** The resource whose creation or destruction is the spec's: the plan must show it when the spec comes or goes. */
export const primaryAddress = (spec: IntentSpec): string => kindRegistry.primaryAddress(spec);
