import type { IamPolicyDocument } from './model.js';
import { parseCidr } from './network.js';
import type { PartialSpec, PartialSpecOf, SpecOrigin } from './partial-spec.js';
import type { DiagnosticSink } from './report.js';
import { bucketNameProblem } from './s3-naming.js';
import { checkUserData } from './check-user-data.js';
import { valueAt } from './zod-diagnostics.js';

const RESERVED_TAGS = ['ManagedBy', 'InfraSpec', 'Owner', 'ExpiresAt'];
const MAX_USER_DATA_BYTES = 16 * 1024;
const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;
const MIN_IA_DAYS = 30;

/**
 * Checks one spec that need more than its schema: field combinations, ranges, naming rules. The spec may be partial
 * (it failed its schema): each check runs only on fields that are present, and "not set" is read from the document
 * as written, so a field that is set but invalid never counts as absent.
 */
export function checkSpec(loaded: SpecOrigin, spec: PartialSpec, sink: DiagnosticSink, now: Date): void {
  const src = loaded.source;
  const { metadata } = spec;
  if (metadata.ttl !== undefined && metadata.expiresAt !== undefined) {
    sink.report(src, ['metadata', 'expiresAt'], 'metadata.ttl and metadata.expiresAt are both set: use one of them', {
      target: 'key',
    });
  }
  if (metadata.expiresAt !== undefined && new Date(metadata.expiresAt) <= now) {
    sink.report(src, ['metadata', 'expiresAt'], `metadata.expiresAt ${metadata.expiresAt} is in the past`, {
      severity: 'warning',
    });
  }
  checkTagKeys(Object.keys(metadata.labels ?? {}), ['metadata', 'labels'], loaded, sink);
  switch (spec.kind) {
    case 'Ec2Instance':
      return checkEc2(spec, loaded, sink);
    case 'S3Bucket':
      return checkS3(spec, loaded, sink);
    case 'IamSsoRole':
      return checkRole(spec, loaded, sink);
    case 'OktaUser':
      return checkUser(spec, loaded, sink);
    case 'OktaGroup':
      return;
  }
}

function checkTagKeys(keys: string[], path: string[], loaded: SpecOrigin, sink: DiagnosticSink): void {
  for (const key of keys) {
    if (RESERVED_TAGS.includes(key)) {
      sink.report(
        loaded.source,
        [...path, key],
        `${path.join('.')}.${key}: "${key}" is set by infra-bot and cannot be overridden`,
        {
          target: 'key',
        },
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      sink.report(
        loaded.source,
        [...path, key],
        `${path.join('.')}.${key}: tag keys starting with "aws:" are reserved by AWS`,
        {
          target: 'key',
        },
      );
    }
  }
}

function checkEc2(spec: PartialSpecOf<'Ec2Instance'>, loaded: SpecOrigin, sink: DiagnosticSink): void {
  checkTagKeys(Object.keys(spec.spec.tags ?? {}), ['spec', 'tags'], loaded, sink);
  spec.spec.ssh?.allowFrom?.forEach((block, index) => {
    if (!parseCidr(block)) {
      sink.report(
        loaded.source,
        ['spec', 'ssh', 'allowFrom', index],
        `spec.ssh.allowFrom: "${block}" is not a CIDR block (e.g. 203.0.113.4/32 or 2001:db8::/64)`,
      );
    }
  });
  checkUserData(spec, loaded, sink);
  const userData = spec.spec.userData;
  if (userData !== undefined && Buffer.byteLength(userData, 'utf8') > MAX_USER_DATA_BYTES) {
    sink.report(
      loaded.source,
      ['spec', 'userData'],
      `spec.userData is ${Buffer.byteLength(userData, 'utf8')} bytes; EC2 accepts at most ${MAX_USER_DATA_BYTES}`,
    );
  }
}

function checkS3(spec: PartialSpecOf<'S3Bucket'>, loaded: SpecOrigin, sink: DiagnosticSink): void {
  const src = loaded.source;
  const body = spec.spec;
  const explicitName = written(loaded, ['spec', 'bucketName']);
  const nameProblem = body.bucketName === undefined ? undefined : bucketNameProblem(body.bucketName);
  if (nameProblem) {
    const where = explicitName ? ['spec', 'bucketName'] : ['metadata', 'name'];
    const what = explicitName
      ? 'spec.bucketName'
      : `the default bucket name "${body.bucketName}" (<s3.namePrefix>-<name>)`;
    sink.report(src, where, `${what} ${nameProblem}`);
  }
  if (body.encryption === 'AES256' && body.kmsKeyId !== undefined) {
    sink.report(src, ['spec', 'kmsKeyId'], 'spec.kmsKeyId is only used with spec.encryption: aws:kms', {
      target: 'key',
    });
  }
  if (body.forceDestroy && !written(loaded, ['metadata', 'ttl']) && !written(loaded, ['metadata', 'expiresAt'])) {
    sink.report(
      src,
      ['spec', 'forceDestroy'],
      'spec.forceDestroy: true is only allowed on a spec with metadata.ttl or metadata.expiresAt',
    );
  }
  const lifecycle = body.lifecycle;
  if (lifecycle) {
    if (lifecycle.transitionToIaDays !== undefined && lifecycle.transitionToIaDays < MIN_IA_DAYS) {
      sink.report(
        src,
        ['spec', 'lifecycle', 'transitionToIaDays'],
        `spec.lifecycle.transitionToIaDays must be at least ${MIN_IA_DAYS} (an S3 rule)`,
      );
    }
    const order = [
      ['transitionToIaDays', lifecycle.transitionToIaDays],
      ['transitionToGlacierDays', lifecycle.transitionToGlacierDays],
      ['expireDays', lifecycle.expireDays],
    ] as const;
    let previous: readonly [string, number] | undefined;
    for (const [field, days] of order) {
      if (days === undefined) continue;
      if (previous && days <= previous[1]) {
        sink.report(
          src,
          ['spec', 'lifecycle', field],
          `spec.lifecycle.${field} (${days}) must be greater than spec.lifecycle.${previous[0]} (${previous[1]})`,
        );
      }
      previous = [field, days];
    }
  }
}

function checkRole(spec: PartialSpecOf<'IamSsoRole'>, loaded: SpecOrigin, sink: DiagnosticSink): void {
  const src = loaded.source;
  const seconds = spec.spec.maxSessionDurationSeconds;
  if (seconds !== undefined && (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS)) {
    sink.report(src, ['spec', 'maxSessionDuration'], 'spec.maxSessionDuration must be between 1h and 12h');
  }
  if (spec.spec.managedPolicyArns?.length === 0 && !written(loaded, ['spec', 'inlinePolicy'])) {
    sink.report(src, ['spec'], 'an IamSsoRole must grant something: set spec.managedPolicyArns or spec.inlinePolicy', {
      target: 'key',
    });
  }
  if (spec.spec.inlinePolicy) checkPolicyDocument(spec.spec.inlinePolicy, ['spec', 'inlinePolicy'], loaded, sink);
}

function checkPolicyDocument(
  policy: Partial<IamPolicyDocument>,
  path: string[],
  loaded: SpecOrigin,
  sink: DiagnosticSink,
): void {
  policy.Statement?.forEach((statement, index) => {
    const at = [...path, 'Statement', index];
    const label = `spec.inlinePolicy.Statement.${index}`;
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      sink.report(loaded.source, at, `${label} needs exactly one of Action or NotAction`);
    }
    if ((statement.Resource === undefined) === (statement.NotResource === undefined)) {
      sink.report(loaded.source, at, `${label} needs exactly one of Resource or NotResource`);
    }
  });
}

function checkUser(spec: PartialSpecOf<'OktaUser'>, loaded: SpecOrigin, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  spec.spec.groups?.forEach((group, index) => {
    if (seen.has(group)) sink.report(loaded.source, ['spec', 'groups', index], `spec.groups lists "${group}" twice`);
    seen.add(group);
  });
}

/** Whether the document as written sets a field (valid or not). */
const written = (loaded: SpecOrigin, path: readonly string[]): boolean => valueAt(loaded.raw, path) !== undefined;
