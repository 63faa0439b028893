import type { RepoConfig } from '../config/repo-config-schema.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { LoadedSpec } from './load-spec-file.js';
import { specKey } from './model.js';
import type { IntentSpec } from './model.js';
import type { DiagnosticSink } from './report.js';

export interface CheckedSpec {
  loaded: LoadedSpec;
  spec: IntentSpec;
}

/** Checks that span specs: unique names and identities, references between specs, SSO settings. */
export function checkCrossSpecs(all: readonly CheckedSpec[], config: RepoConfig, sink: DiagnosticSink): void {
  const nameCount = new Map<string, number>();
  for (const { spec } of all) nameCount.set(specKey(spec), (nameCount.get(specKey(spec)) ?? 0) + 1);
  reportDuplicates(
    all,
    (s) => specKey(s.spec),
    ['metadata', 'name'],
    (s) => `${s.spec.kind} name "${s.spec.metadata.name}" is already used`,
    sink,
  );
  // Specs whose name is already reported as a duplicate are left out of the checks below (one problem, one line).
  const unique = all.filter((s) => nameCount.get(specKey(s.spec)) === 1);
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'S3Bucket' ? s.spec.spec.bucketName : undefined),
    ['metadata', 'name'],
    (s) => `bucket name "${s.spec.kind === 'S3Bucket' ? s.spec.spec.bucketName : ''}" is already used`,
    sink,
  );
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'OktaUser' ? s.spec.spec.login.toLowerCase() : undefined),
    ['spec', 'email'],
    (s) => `Okta login "${s.spec.kind === 'OktaUser' ? s.spec.spec.login : ''}" is already used`,
    sink,
  );
  reportDuplicates(
    unique,
    (s) => (s.spec.kind === 'OktaGroup' ? s.spec.spec.displayName.toLowerCase() : undefined),
    ['metadata', 'name'],
    (s) => `Okta group name "${s.spec.kind === 'OktaGroup' ? s.spec.spec.displayName : ''}" is already used`,
    sink,
  );

  const groups = new Set(all.filter((s) => s.spec.kind === 'OktaGroup').map((s) => s.spec.metadata.name));
  const missing = (name: string) =>
    `no OktaGroup spec is named "${name}"${groups.size ? '' : ' (there are no OktaGroup specs)'}`;
  for (const { loaded, spec } of all) {
    if (spec.kind === 'OktaUser') {
      spec.spec.groups.forEach((group, index) => {
        if (!groups.has(group)) sink.report(loaded.source, ['spec', 'groups', index], `spec.groups: ${missing(group)}`);
      });
    }
    if (spec.kind === 'IamSsoRole') {
      if (!groups.has(spec.spec.oktaGroup))
        sink.report(loaded.source, ['spec', 'oktaGroup'], `spec.oktaGroup: ${missing(spec.spec.oktaGroup)}`);
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
