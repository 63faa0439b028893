// The tag set every taggable AWS resource carries, written per resource (not provider default_tags) so each one's
// tags are visible in the plan and in the synthesised JSON.
import type { IntentSpec } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { escapeTfRecord } from './escape.js';

export const MANAGED_BY = 'infra-bot';
/** Keys only infra-bot sets; a user tag or label with one of these names is dropped, never merged. */
export const RESERVED_TAG_KEYS: readonly string[] = ['ManagedBy', 'InfraSpec', 'Owner', 'ExpiresAt'];

/** Labels, then the kind's own tags (EC2 `spec.tags`, more specific), then ours: `ManagedBy`, `InfraSpec`, `Owner`, `ExpiresAt`. */
export function awsTags(
  spec: IntentSpec,
  expiresAt: string | undefined,
  kindTags: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const user = { ...spec.metadata.labels, ...kindTags };
  for (const key of RESERVED_TAG_KEYS) delete user[key];
  return escapeTfRecord({
    ...user,
    ManagedBy: MANAGED_BY,
    InfraSpec: specKey(spec),
    Owner: spec.metadata.owner ?? 'unowned',
    ...(expiresAt === undefined ? {} : { ExpiresAt: expiresAt }),
  });
}

/** Tags for resources shared by several specs (the SAML federation): no single spec, owner or expiry. */
export function sharedTags(infraSpec: string): Record<string, string> {
  return escapeTfRecord({ ManagedBy: MANAGED_BY, InfraSpec: infraSpec, Owner: 'unowned' });
}
