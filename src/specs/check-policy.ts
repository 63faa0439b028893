import type { RepoConfig } from '../config/repo-config-schema.js';
import { kindRegistry } from '../kinds/index.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { CheckedSpec } from './partial-spec.js';
import { formatDuration, parseDuration } from './duration.js';
import type { DiagnosticSink } from './report.js';
import { valueAt } from './zod-diagnostics.js';

/**
 * Checks the repo's policy (`.github/infra.yml` → policy) against each spec, partial ones on their valid fields: the
 * generic rules here (ttl, labels, region), the kind's own in its `policy` hook.
 */
export function checkPolicy(all: readonly CheckedSpec[], config: RepoConfig, sink: DiagnosticSink, now: Date): void {
  const policy = config.policy;
  const maxTtlMs = parseDuration(policy.maxTtl) ?? Infinity;
  const policyNote = `(policy in ${REPO_CONFIG_PATH})`;
  for (const { loaded, spec } of all) {
    const src = loaded.source;
    const written = (...path: string[]) => valueAt(loaded.raw, path) !== undefined;
    const { metadata } = spec;
    if (metadata.ttlMs !== undefined && metadata.ttlMs > maxTtlMs) {
      sink.report(
        src,
        ['metadata', 'ttl'],
        `metadata.ttl ${metadata.ttl} exceeds policy.maxTtl ${policy.maxTtl} ${policyNote}`,
      );
    }
    if (metadata.expiresAt !== undefined && new Date(metadata.expiresAt).getTime() - now.getTime() > maxTtlMs) {
      sink.report(
        src,
        ['metadata', 'expiresAt'],
        `metadata.expiresAt ${metadata.expiresAt} is more than policy.maxTtl ${policy.maxTtl} from now (${formatDuration(
          new Date(metadata.expiresAt).getTime() - now.getTime(),
        )}) ${policyNote}`,
      );
    }
    if (policy.requireTtl.includes(spec.kind) && !written('metadata', 'ttl') && !written('metadata', 'expiresAt')) {
      sink.report(src, ['metadata'], `${spec.kind} specs must set metadata.ttl or metadata.expiresAt ${policyNote}`, {
        target: 'key',
      });
    }
    for (const label of metadata.labels === undefined && written('metadata', 'labels') ? [] : policy.requiredLabels) {
      if (metadata.labels?.[label] === undefined) {
        sink.report(src, ['metadata'], `metadata.labels.${label} is required ${policyNote}`, { target: 'key' });
      }
    }
    const definition = kindRegistry.definition(spec.kind);
    // Every kind says where its resources live, or that they have no region (Okta, IAM): none is skipped unsaid.
    const region = definition.region === 'none' ? undefined : definition.region(spec.spec);
    if (region !== undefined && policy.allowedRegions.length > 0 && !policy.allowedRegions.includes(region)) {
      const where = written('spec', 'region') ? ['spec', 'region'] : ['metadata', 'name'];
      const source = written('spec', 'region') ? 'spec.region' : 'the repo default region';
      sink.report(
        src,
        where,
        `${source} ${region} is not allowed; allowed regions: ${policy.allowedRegions.join(', ')} ${policyNote}`,
      );
    }
    definition.policy(spec, { config, origin: loaded, sink, written, note: policyNote });
  }
}
