// The validated, fully defaulted intent model: what `specs/` hands to `synth/` and to every later flow.
// Everything here has passed schema, cross-spec and policy checks; repo-config defaults are already applied.
import type { KIND_DEFINITIONS } from '../kinds/index.js';
import type { BodyOf, StackLayout } from '../kinds/kind-definition.js';

// Each kind's body type lives in its folder (src/kinds/<kind>/model.ts); re-exported here for the rooms that read it.
export type { OktaUserSpec } from '../kinds/okta-user/model.js';
export type { OktaGroupSpec } from '../kinds/okta-group/model.js';
export type { Ec2Image, Ec2InstanceSpec } from '../kinds/ec2-instance/model.js';
export type { S3BucketSpec, S3LifecycleSpec } from '../kinds/s3-bucket/model.js';
export type { IamPolicyDocument, IamPolicyStatement, IamSsoRoleSpec } from '../kinds/iam-sso-role/model.js';

/** The kinds are the keys of the kind table (src/kinds/index.ts): a kind exists by having a definition there. */
export type Kind = keyof typeof KIND_DEFINITIONS;

/** `kind/name`, the stable identity of a spec (names are unique per kind). */
export type SpecKey = `${Kind}/${string}`;

export interface SpecMetadata {
  name: string;
  /** Email or `@github-login`. */
  owner?: string;
  /** The original duration text (`3m`, `2h`, `30d`, `1w`), when the spec uses a ttl. */
  ttl?: string;
  /** The ttl in milliseconds, when the spec uses a ttl. */
  ttlMs?: number;
  /** Absolute expiry (ISO 8601, normalised to UTC `Z`), when the spec uses expiresAt. */
  expiresAt?: string;
  labels: Record<string, string>;
}

/** Each kind's body after defaults, as its definition's `resolve` returns it. */
export type SpecBodies = { [K in Kind]: BodyOf<(typeof KIND_DEFINITIONS)[K]> };

export interface IntentSpecOf<K extends Kind> {
  kind: K;
  metadata: SpecMetadata;
  spec: SpecBodies[K];
  /** Repo-relative path of the file that declared it. */
  file: string;
  /** sha256 of the spec's canonical JSON (as written, before defaults); binds plans to intent. */
  hash: string;
}

export type IntentSpec = { [K in Kind]: IntentSpecOf<K> }[Kind];

/** Repo settings synthesis needs (from `.github/infra.yml`, defaults applied). */
export interface SynthSettings {
  /** `owner/repo`, used in state keys. */
  repository: string;
  defaultRegion: string;
  terraform: {
    stateBucket?: string;
    stateRegion: string;
    stateKeyPrefix: string;
  };
  /** Directory for local state when no state bucket is configured (development only). */
  localStateDir: string;
  sso?: { awsAccountId: string; samlProviderName: string; oktaAppLabel: string };
  /** The Okta provider's settings: `maxApiCapacity` is the percentage of Okta's rate limits terraform may use. */
  okta: { maxApiCapacity: number };
  /** `identity.stackLayout`: one shared identity stack, or a stack per Okta user and group. */
  identityLayout: StackLayout;
}

export const specKey = (spec: { kind: Kind; metadata: { name: string } }): SpecKey =>
  `${spec.kind}/${spec.metadata.name}`;
