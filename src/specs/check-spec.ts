import type { LoadedSpec } from './load-spec-file.js';
import type { IamPolicyDocument, IntentSpec, IntentSpecOf } from './model.js';
import { parseCidr } from './network.js';
import type { DiagnosticSink } from './report.js';
import { bucketNameProblem } from './s3-naming.js';
import { checkUserData } from './check-user-data.js';

const RESERVED_TAGS = ['ManagedBy', 'InfraSpec', 'Owner', 'ExpiresAt'];
const MAX_USER_DATA_BYTES = 16 * 1024;
const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;
const MIN_IA_DAYS = 30;

/** Checks one spec that need more than its schema: field combinations, ranges, naming rules. */
export function checkSpec(loaded: LoadedSpec, spec: IntentSpec, sink: DiagnosticSink, now: Date): void {
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
  checkTagKeys(Object.keys(metadata.labels), ['metadata', 'labels'], loaded, sink);
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

function checkTagKeys(keys: string[], path: string[], loaded: LoadedSpec, sink: DiagnosticSink): void {
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

function checkEc2(spec: IntentSpecOf<'Ec2Instance'>, loaded: LoadedSpec, sink: DiagnosticSink): void {
  checkTagKeys(Object.keys(spec.spec.tags), ['spec', 'tags'], loaded, sink);
  spec.spec.ssh?.allowFrom.forEach((block, index) => {
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

function checkS3(spec: IntentSpecOf<'S3Bucket'>, loaded: LoadedSpec, sink: DiagnosticSink): void {
  const src = loaded.source;
  const body = spec.spec;
  const explicitName = (loaded.document.spec as { bucketName?: string }).bucketName !== undefined;
  const nameProblem = bucketNameProblem(body.bucketName);
  if (nameProblem) {
    const where = explicitName ? ['spec', 'bucketName'] : ['metadata', 'name'];
    const what = explicitName
      ? 'spec.bucketName'
      : `the default bucket name "${body.bucketName}" (<s3.namePrefix>-<name>)`;
    sink.report(src, where, `${what} ${nameProblem}`);
  }
  if (body.encryption === 'aws:kms' && body.kmsKeyId === undefined) {
    sink.report(src, ['spec', 'encryption'], 'spec.encryption aws:kms needs spec.kmsKeyId');
  }
  if (body.encryption === 'AES256' && body.kmsKeyId !== undefined) {
    sink.report(src, ['spec', 'kmsKeyId'], 'spec.kmsKeyId is only used with spec.encryption: aws:kms', {
      target: 'key',
    });
  }
  if (body.forceDestroy && spec.metadata.ttl === undefined && spec.metadata.expiresAt === undefined) {
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

function checkRole(spec: IntentSpecOf<'IamSsoRole'>, loaded: LoadedSpec, sink: DiagnosticSink): void {
  const src = loaded.source;
  const seconds = spec.spec.maxSessionDurationSeconds;
  if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    sink.report(src, ['spec', 'maxSessionDuration'], 'spec.maxSessionDuration must be between 1h and 12h');
  }
  if (spec.spec.managedPolicyArns.length === 0 && spec.spec.inlinePolicy === undefined) {
    sink.report(src, ['spec'], 'an IamSsoRole must grant something: set spec.managedPolicyArns or spec.inlinePolicy', {
      target: 'key',
    });
  }
  if (spec.spec.inlinePolicy) checkPolicyDocument(spec.spec.inlinePolicy, ['spec', 'inlinePolicy'], loaded, sink);
}

function checkPolicyDocument(
  policy: IamPolicyDocument,
  path: string[],
  loaded: LoadedSpec,
  sink: DiagnosticSink,
): void {
  policy.Statement.forEach((statement, index) => {
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

function checkUser(spec: IntentSpecOf<'OktaUser'>, loaded: LoadedSpec, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  spec.spec.groups.forEach((group, index) => {
    if (seen.has(group)) sink.report(loaded.source, ['spec', 'groups', index], `spec.groups lists "${group}" twice`);
    seen.add(group);
  });
}
