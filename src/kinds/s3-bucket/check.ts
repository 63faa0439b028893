// S3Bucket checks beyond its schema: S3's naming rules, KMS key only with aws:kms, forceDestroy only on a spec that
// expires, and lifecycle days in S3's order.
import { bucketNameProblem } from '../../specs/s3-naming.js';
import type { SpecOrigin } from '../../specs/partial-spec.js';
import type { DiagnosticSink } from '../../specs/report.js';
import { valueAt } from '../../specs/zod-diagnostics.js';
import type { PartialSpecOfKind } from '../kind-definition.js';
import type { S3BucketSpec } from './model.js';

const MIN_IA_DAYS = 30;

/** Whether the document as written sets a field (valid or not). */
const written = (loaded: SpecOrigin, path: readonly string[]): boolean => valueAt(loaded.raw, path) !== undefined;

export function checkS3(
  spec: PartialSpecOfKind<'S3Bucket', S3BucketSpec>,
  loaded: SpecOrigin,
  sink: DiagnosticSink,
): void {
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
