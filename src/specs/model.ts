// The validated, fully defaulted intent model: what `specs/` hands to `synth/` and to every later flow.
// Everything here has passed schema, cross-spec and policy checks; repo-config defaults are already applied.

export const KINDS = ['OktaUser', 'OktaGroup', 'Ec2Instance', 'S3Bucket', 'IamSsoRole'] as const;
export type Kind = (typeof KINDS)[number];

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

export interface OktaUserSpec {
  email: string;
  firstName: string;
  lastName: string;
  login: string;
  title?: string;
  department?: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'DEPROVISIONED';
  /** OktaGroup spec names. */
  groups: string[];
  customAttributes: Record<string, string | number | boolean | string[]>;
}

export interface OktaGroupSpec {
  displayName: string;
  description?: string;
}

export type Ec2Image = 'ubuntu-24.04' | 'ubuntu-22.04' | 'amazon-linux-2023';

export interface Ec2InstanceSpec {
  region: string;
  instanceType: string;
  /** An image alias (resolved through AWS's public SSM parameters) or an `ami-…` id. */
  image: Ec2Image | `ami-${string}`;
  rootVolumeGiB: number;
  subnetId?: string;
  /** Absent: no SSH ingress at all. */
  ssh?: { keyName?: string; allowFrom: string[] };
  userData?: string;
  /** true: userData is not secret and may be shown in plans and summaries (default false: hidden). */
  showUserDataInPlans?: boolean;
  tags: Record<string, string>;
}

export interface S3LifecycleSpec {
  transitionToIaDays?: number;
  transitionToGlacierDays?: number;
  expireDays?: number;
  noncurrentExpireDays?: number;
}

export interface S3BucketSpec {
  region: string;
  /** Final bucket name (default `<s3.namePrefix>-<name>` already applied). */
  bucketName: string;
  versioning: boolean;
  encryption: 'AES256' | 'aws:kms';
  /** The KMS key for aws:kms; absent, S3 uses the AWS-managed `aws/s3` key. */
  kmsKeyId?: string;
  lifecycle?: S3LifecycleSpec;
  forceDestroy: boolean;
}

export interface IamPolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

export interface IamPolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: IamPolicyStatement[];
}

export interface IamSsoRoleSpec {
  /** OktaGroup spec name whose members may assume the role. */
  oktaGroup: string;
  managedPolicyArns: string[];
  inlinePolicy?: IamPolicyDocument;
  /** Seconds, 3600–43200. */
  maxSessionDurationSeconds: number;
}

export interface SpecBodies {
  OktaUser: OktaUserSpec;
  OktaGroup: OktaGroupSpec;
  Ec2Instance: Ec2InstanceSpec;
  S3Bucket: S3BucketSpec;
  IamSsoRole: IamSsoRoleSpec;
}

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
}

export const specKey = (spec: { kind: Kind; metadata: { name: string } }): SpecKey =>
  `${spec.kind}/${spec.metadata.name}`;
