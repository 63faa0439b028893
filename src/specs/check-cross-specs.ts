import type { RepoConfig } from '../config/repo-config-schema.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { partialSpecKey } from './partial-spec.js';
import type { CheckedSpec } from './partial-spec.js';
import type { DiagnosticSink } from './report.js';

export type { CheckedSpec } from './partial-spec.js';

/**
 * Checks that span specs: unique names and identities, references between specs, SSO settings. Specs that failed
 * their schema take part with their valid fields (a group whose name is valid still counts as existing).
 */
export function checkCrossSpecs(all: readonly CheckedSpec[], config: RepoConfig, sink: DiagnosticSink): void {
  const nameCount = new Map<string, number>();
  for (const { spec } of all) {
    const key = partialSpecKey(spec);
    if (key !== undefined) nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
  }
  reportDuplicates(
    all,
    (s) => partialSpecKey(s.spec),
    ['metadata', 'name'],
    (s) => `${s.spec.kind} name "${s.spec.metadata.name}" is already used`,
    sink,
  );
  // Specs whose name is already reported as a duplicate are left out of the checks below (one problem, one line).
  const unique = all.filter((s) => nameCount.get(partialSpecKey(s.spec) ?? '') === 1);
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'S3Bucket' ? s.spec.spec.bucketName : undefined),
    ['metadata', 'name'],
    (s) => `bucket name "${s.spec.kind === 'S3Bucket' ? s.spec.spec.bucketName : ''}" is already used`,
    sink,
  );
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'OktaUser' ? s.spec.spec.login?.toLowerCase() : undefined),
    ['spec', 'email'],
    (s) => `Okta login "${s.spec.kind === 'OktaUser' ? s.spec.spec.login : ''}" is already used`,
    sink,
  );
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'OktaGroup' ? s.spec.spec.displayName?.toLowerCase() : undefined),
    ['metadata', 'name'],
    (s) => `Okta group name "${s.spec.kind === 'OktaGroup' ? s.spec.spec.displayName : ''}" is already used`,
    sink,
  );

  const groups = new Set(all.flatMap((s) => (s.spec.kind === 'OktaGroup' ? (s.spec.metadata.name ?? []) : [])));
  const missing = (name: string) =>
    `no OktaGroup spec is named "${name}"${groups.size ? '' : ' (there are no OktaGroup specs)'}`;
  for (const { loaded, spec } of all) {
    if (spec.kind === 'OktaUser') {
      spec.spec.groups?.forEach((group, index) => {
        if (!groups.has(group)) sink.report(loaded.source, ['spec', 'groups', index], `spec.groups: ${missing(group)}`);
      });
    }
    if (spec.kind === 'IamSsoRole') {
      const group = spec.spec.oktaGroup;
      if (group !== undefined && !groups.has(group))
        sink.report(loaded.source, ['spec', 'oktaGroup'], `spec.oktaGroup: ${missing(group)}`);
      if (!config.sso) {
        sink.report(
          loaded.source,
          ['kind'],
          `IamSsoRole needs the sso section in ${REPO_CONFIG_PATH} (awsAccountId, samlProviderName, oktaAppLabel)`,
        );
      }
    }
  }
}

function reportDuplicates(
  all: readonly CheckedSpec[],
  keyOf: (s: CheckedSpec) => string | undefined,
  path: string[],
  describe: (s: CheckedSpec) => string,
  sink: DiagnosticSink,
): void {
  const byKey = new Map<string, CheckedSpec[]>();
  for (const spec of all) {
    const key = keyOf(spec);
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), spec]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const spec of group) {
      const others = group.filter((other) => other !== spec).map((other) => other.loaded.source.file);
      sink.report(spec.loaded.source, path, `${describe(spec)} by ${others.join(', ')}`);
    }
  }
}
