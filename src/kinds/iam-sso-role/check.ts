// IamSsoRole checks beyond its schema: session length within IAM's range, something granted, and each inline
// policy statement with exactly one of Action/NotAction and Resource/NotResource.
import type { SpecOrigin } from '../../specs/partial-spec.js';
import type { DiagnosticSink } from '../../specs/report.js';
import { valueAt } from '../../specs/zod-diagnostics.js';
import type { PartialSpecOfKind } from '../kind-definition.js';
import type { IamPolicyDocument, IamSsoRoleSpec } from './model.js';

const MIN_SESSION_SECONDS = 3600;
const MAX_SESSION_SECONDS = 43200;

/** Whether the document as written sets a field (valid or not). */
const written = (loaded: SpecOrigin, path: readonly string[]): boolean => valueAt(loaded.raw, path) !== undefined;

export function checkRole(
  spec: PartialSpecOfKind<'IamSsoRole', IamSsoRoleSpec>,
  loaded: SpecOrigin,
  sink: DiagnosticSink,
): void {
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
