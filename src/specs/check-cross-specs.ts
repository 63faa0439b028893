import type { RepoConfig } from '../config/repo-config-schema.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { kindRegistry } from '../kinds/index.js';
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
    (s) => `${s.spec.kind} name "${s.spec.metadata.name}"`,
    sink,
  );
  // Specs whose name is already reported as a duplicate are left out of the checks below (one problem, one line).
  const unique = all.filter((s) => nameCount.get(partialSpecKey(s.spec) ?? '') === 1);
  // Each kind's `distinct` value (bucket name, Okta login, group name), compared within the kind.
  for (const kind of kindRegistry.kinds) {
    const distinct = (s: CheckedSpec) => {
      const value = kindRegistry.definition(kind).distinct(s.spec);
      return value === 'none' ? undefined : value;
    };
    const ofKind = unique.filter((s) => s.spec.kind === kind && distinct(s) !== undefined);
    for (const group of groupBy(ofKind, (s) => distinct(s)!.key)) reportClashes(group, (s) => distinct(s)!, sink);
  }

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
  const keyed = all.filter((spec) => keyOf(spec) !== undefined);
  for (const group of groupBy(keyed, (spec) => keyOf(spec)!)) {
    reportClashes(group, (spec) => ({ path, label: describe(spec) }), sink);
  }
}

/** The specs by key, in first-seen order. */
function groupBy(specs: readonly CheckedSpec[], keyOf: (s: CheckedSpec) => string): CheckedSpec[][] {
  const byKey = new Map<string, CheckedSpec[]>();
  for (const spec of specs) byKey.set(keyOf(spec), [...(byKey.get(keyOf(spec)) ?? []), spec]);
  return [...byKey.values()];
}

/** Each spec of a group of two or more sharing a value, told which files share it. */
function reportClashes(
  group: readonly CheckedSpec[],
  where: (s: CheckedSpec) => { path: string[]; label: string },
  sink: DiagnosticSink,
): void {
  if (group.length < 2) return;
  for (const spec of group) {
    const others = group.filter((other) => other !== spec).map((other) => other.loaded.source.file);
    const { path, label } = where(spec);
    sink.report(spec.loaded.source, path, `${label} is already used by ${others.join(', ')}`);
  }
}
