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
  const named = all.flatMap((checked): Keyed[] => {
    const key = partialSpecKey(checked.spec);
    const label = `${checked.spec.kind} name "${checked.spec.metadata.name}"`;
    return key === undefined ? [] : [{ checked, key, path: ['metadata', 'name'], label }];
  });
  reportClashes(named, sink);
  // Specs whose name is already reported as a duplicate are left out of the checks below (one problem, one line).
  const nameCount = new Map<string, number>();
  for (const { key } of named) nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
  const unique = all.filter((s) => nameCount.get(partialSpecKey(s.spec) ?? '') === 1);
  // Each kind's `distinct` value (bucket name, Okta login, group name), compared within the kind.
  const distinct = unique.flatMap((checked): Keyed[] => {
    const value = kindRegistry.definition(checked.spec.kind).distinct(checked.spec);
    if (value === undefined || value === 'none') return [];
    return [{ checked, ...value, key: `${checked.spec.kind}/${value.key}` }];
  });
  reportClashes(distinct, sink);

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

/** A value some specs must not share, and where a clash is reported. */
interface Keyed {
  checked: CheckedSpec;
  key: string;
  path: string[];
  label: string;
}

/** Each spec whose key another spec has too, told which files share it. */
function reportClashes(entries: readonly Keyed[], sink: DiagnosticSink): void {
  const byKey = new Map<string, Keyed[]>();
  for (const entry of entries) byKey.set(entry.key, [...(byKey.get(entry.key) ?? []), entry]);
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const { checked, path, label } of group) {
      const others = group
        .filter((other) => other.checked !== checked)
        .map((other) => other.checked.loaded.source.file);
      sink.report(checked.loaded.source, path, `${label} is already used by ${others.join(', ')}`);
    }
  }
}
