// The CDKTF engine: the only file that loads cdktf and the provider classes (so swapping the engine touches one room).
//
// Loaded with `require` on first use, not with static `import`s:
// - importing this room (e.g. for `stackNameFor`) must not cost CDKTF's ~150 ms load;
// - Node's ESM loader parses every CommonJS file it imports to find its named exports (cjs-module-lexer), which for
//   cdktf and ~20 provider submodules costs ~100 ms more than `require` does. The types still come from the packages.
// Only provider SUBMODULES are loaded, each on first use: the package index costs ~2 s and ~570 MB.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deferBundledModules } from './defer-modules.js';
import type * as Cdktf from 'cdktf';
import type * as AwsProviderMod from '@cdktf/provider-aws/lib/provider/index.js';
import type * as InstanceMod from '@cdktf/provider-aws/lib/instance/index.js';
import type * as SecurityGroupMod from '@cdktf/provider-aws/lib/security-group/index.js';
import type * as SsmParameterMod from '@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js';
import type * as SubnetMod from '@cdktf/provider-aws/lib/data-aws-subnet/index.js';
import type * as S3BucketMod from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type * as PublicAccessBlockMod from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import type * as OwnershipControlsMod from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import type * as VersioningMod from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import type * as EncryptionMod from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import type * as BucketPolicyMod from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import type * as LifecycleMod from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import type * as IamRoleMod from '@cdktf/provider-aws/lib/iam-role/index.js';
import type * as IamRolePolicyMod from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type * as IamRolePolicyAttachmentMod from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type * as SamlProviderMod from '@cdktf/provider-aws/lib/iam-saml-provider/index.js';
import type * as OktaProviderMod from '@cdktf/provider-okta/lib/provider/index.js';
import type * as OktaUserMod from '@cdktf/provider-okta/lib/user/index.js';
import type * as OktaGroupMod from '@cdktf/provider-okta/lib/group/index.js';
import type * as MembershipsMod from '@cdktf/provider-okta/lib/user-group-memberships/index.js';
import type * as AppSamlMod from '@cdktf/provider-okta/lib/app-saml/index.js';
import type * as AppGroupAssignmentsMod from '@cdktf/provider-okta/lib/app-group-assignments/index.js';

export interface Engine {
  version: string;
  App: typeof Cdktf.App;
  TerraformStack: typeof Cdktf.TerraformStack;
  S3Backend: typeof Cdktf.S3Backend;
  LocalBackend: typeof Cdktf.LocalBackend;
  DataResource: typeof Cdktf.DataResource;
  TerraformElement: typeof Cdktf.TerraformElement;
  TerraformProvider: typeof Cdktf.TerraformProvider;
  Tokenization: typeof Cdktf.Tokenization;
  DefaultTokenResolver: typeof Cdktf.DefaultTokenResolver;
  StringConcat: typeof Cdktf.StringConcat;
  TerraformOutput: typeof Cdktf.TerraformOutput;
  TerraformResource: typeof Cdktf.TerraformResource;
  DataTerraformRemoteStateS3: typeof Cdktf.DataTerraformRemoteStateS3;
  DataTerraformRemoteStateLocal: typeof Cdktf.DataTerraformRemoteStateLocal;
  Fn: typeof Cdktf.Fn;
  aws: {
    AwsProvider: typeof AwsProviderMod.AwsProvider;
    Instance: typeof InstanceMod.Instance;
    SecurityGroup: typeof SecurityGroupMod.SecurityGroup;
    DataAwsSsmParameter: typeof SsmParameterMod.DataAwsSsmParameter;
    DataAwsSubnet: typeof SubnetMod.DataAwsSubnet;
    S3Bucket: typeof S3BucketMod.S3Bucket;
    S3BucketPublicAccessBlock: typeof PublicAccessBlockMod.S3BucketPublicAccessBlock;
    S3BucketOwnershipControls: typeof OwnershipControlsMod.S3BucketOwnershipControls;
    S3BucketVersioningA: typeof VersioningMod.S3BucketVersioningA;
    S3BucketServerSideEncryptionConfigurationA: typeof EncryptionMod.S3BucketServerSideEncryptionConfigurationA;
    S3BucketPolicy: typeof BucketPolicyMod.S3BucketPolicy;
    S3BucketLifecycleConfiguration: typeof LifecycleMod.S3BucketLifecycleConfiguration;
    IamRole: typeof IamRoleMod.IamRole;
    IamRolePolicy: typeof IamRolePolicyMod.IamRolePolicy;
    IamRolePolicyAttachment: typeof IamRolePolicyAttachmentMod.IamRolePolicyAttachment;
    IamSamlProvider: typeof SamlProviderMod.IamSamlProvider;
  };
  okta: {
    OktaProvider: typeof OktaProviderMod.OktaProvider;
    User: typeof OktaUserMod.User;
    Group: typeof OktaGroupMod.Group;
    UserGroupMemberships: typeof MembershipsMod.UserGroupMemberships;
    AppSaml: typeof AppSamlMod.AppSaml;
    AppGroupAssignments: typeof AppGroupAssignmentsMod.AppGroupAssignments;
  };
}

let loaded: Engine | undefined;

/**
 * Provider classes as getters that require their module on first use and then keep the class: a repository without
 * IamSsoRole specs never loads the IAM and SAML modules, one without lifecycle rules never loads that one.
 */
function lazyClasses<T extends object>(loaders: { [K in keyof T]: () => T[K] }): T {
  const classes = {} as T;
  for (const key of Object.keys(loaders) as (keyof T)[]) {
    Object.defineProperty(classes, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = loaders[key]();
        Object.defineProperty(classes, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return classes;
}

/** The engine's classes, loaded once per process on first call. */
export function engine(): Engine {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  deferBundledModules(require);
  const aws = (m: string): unknown => require(`@cdktf/provider-aws/lib/${m}/index.js`);
  const okta = (m: string): unknown => require(`@cdktf/provider-okta/lib/${m}/index.js`);
  const cdktf = require('cdktf') as typeof Cdktf;
  loaded = {
    version: (require('cdktf/package.json') as { version: string }).version,
    App: cdktf.App,
    TerraformStack: cdktf.TerraformStack,
    S3Backend: cdktf.S3Backend,
    LocalBackend: cdktf.LocalBackend,
    DataResource: cdktf.DataResource,
    TerraformElement: cdktf.TerraformElement,
    TerraformProvider: cdktf.TerraformProvider,
    Tokenization: cdktf.Tokenization,
    DefaultTokenResolver: cdktf.DefaultTokenResolver,
    StringConcat: cdktf.StringConcat,
    TerraformOutput: cdktf.TerraformOutput,
    TerraformResource: cdktf.TerraformResource,
    DataTerraformRemoteStateS3: cdktf.DataTerraformRemoteStateS3,
    DataTerraformRemoteStateLocal: cdktf.DataTerraformRemoteStateLocal,
    Fn: cdktf.Fn,
    aws: lazyClasses<Engine['aws']>({
      AwsProvider: () => (aws('provider') as typeof AwsProviderMod).AwsProvider,
      Instance: () => (aws('instance') as typeof InstanceMod).Instance,
      SecurityGroup: () => (aws('security-group') as typeof SecurityGroupMod).SecurityGroup,
      DataAwsSsmParameter: () => (aws('data-aws-ssm-parameter') as typeof SsmParameterMod).DataAwsSsmParameter,
      DataAwsSubnet: () => (aws('data-aws-subnet') as typeof SubnetMod).DataAwsSubnet,
      S3Bucket: () => (aws('s3-bucket') as typeof S3BucketMod).S3Bucket,
      S3BucketPublicAccessBlock: () =>
        (aws('s3-bucket-public-access-block') as typeof PublicAccessBlockMod).S3BucketPublicAccessBlock,
      S3BucketOwnershipControls: () =>
        (aws('s3-bucket-ownership-controls') as typeof OwnershipControlsMod).S3BucketOwnershipControls,
      S3BucketVersioningA: () => (aws('s3-bucket-versioning') as typeof VersioningMod).S3BucketVersioningA,
      S3BucketServerSideEncryptionConfigurationA: () =>
        (aws('s3-bucket-server-side-encryption-configuration') as typeof EncryptionMod)
          .S3BucketServerSideEncryptionConfigurationA,
      S3BucketPolicy: () => (aws('s3-bucket-policy') as typeof BucketPolicyMod).S3BucketPolicy,
      S3BucketLifecycleConfiguration: () =>
        (aws('s3-bucket-lifecycle-configuration') as typeof LifecycleMod).S3BucketLifecycleConfiguration,
      IamRole: () => (aws('iam-role') as typeof IamRoleMod).IamRole,
      IamRolePolicy: () => (aws('iam-role-policy') as typeof IamRolePolicyMod).IamRolePolicy,
      IamRolePolicyAttachment: () =>
        (aws('iam-role-policy-attachment') as typeof IamRolePolicyAttachmentMod).IamRolePolicyAttachment,
      IamSamlProvider: () => (aws('iam-saml-provider') as typeof SamlProviderMod).IamSamlProvider,
    }),
    okta: lazyClasses<Engine['okta']>({
      OktaProvider: () => (okta('provider') as typeof OktaProviderMod).OktaProvider,
      User: () => (okta('user') as typeof OktaUserMod).User,
      Group: () => (okta('group') as typeof OktaGroupMod).Group,
      UserGroupMemberships: () => (okta('user-group-memberships') as typeof MembershipsMod).UserGroupMemberships,
      AppSaml: () => (okta('app-saml') as typeof AppSamlMod).AppSaml,
      AppGroupAssignments: () => (okta('app-group-assignments') as typeof AppGroupAssignmentsMod).AppGroupAssignments,
    }),
  };
  return loaded;
}

/**
 * A CDKTF App that leaves nothing on disk. `App`'s constructor creates `<outdir>/stacks`, and only `app.synth()`,
 * which we never call, writes there afterwards; so it gets a fresh temp directory that is removed right away.
 */
export function createApp(): Cdktf.App {
  const { App } = engine();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-bot-cdktf-'));
  try {
    return new App({ outdir, stackTraces: false, skipValidation: true });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Runs `fn` with stack-trace capture turned off. CDKTF captures a complete stack trace (Error.stackTraceLimit set to
 * MAX_SAFE_INTEGER) for every token it creates, including the many it creates while resolving
 * (cdktf/lib/tokens/private/stack-trace.js), only to print it if that token later fails to resolve. Capturing and
 * formatting those traces was more than half of synthesis time. With `Error.captureStackTrace` a no-op the capture
 * yields an empty trace, and `prepareStackTrace` returning '' keeps any other `.stack` read cheap. Both are restored in
 * `finally`; synthesis is synchronous, so nothing else runs meanwhile, and errors thrown by CDKTF keep their message.
 */
export function withoutStackTraces<T>(fn: () => T): T {
  const { captureStackTrace, prepareStackTrace } = Error;
  Error.captureStackTrace = () => undefined;
  Error.prepareStackTrace = () => '';
  try {
    return fn();
  } finally {
    Error.captureStackTrace = captureStackTrace;
    Error.prepareStackTrace = prepareStackTrace;
  }
}
