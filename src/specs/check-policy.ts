import type { RepoConfig } from '../config/repo-config-schema.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import type { CheckedSpec } from './partial-spec.js';
import { formatDuration, parseDuration } from './duration.js';
import { isAnywhere, parseCidr } from './network.js';
import type { DiagnosticSink } from './report.js';
import { valueAt } from './zod-diagnostics.js';

/** Checks the repo's policy (`.github/infra.yml` → policy) against each spec, partial ones on their valid fields. */
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
    if (spec.kind === 'Ec2Instance' || spec.kind === 'S3Bucket') {
      const region = spec.spec.region;
      if (region !== undefined && policy.allowedRegions.length > 0 && !policy.allowedRegions.includes(region)) {
        const where = written('spec', 'region') ? ['spec', 'region'] : ['metadata', 'name'];
        const source = written('spec', 'region') ? 'spec.region' : 'the repo default region';
        sink.report(
          src,
          where,
          `${source} ${region} is not allowed; allowed regions: ${policy.allowedRegions.join(', ')} ${policyNote}`,
        );
      }
    }
    if (spec.kind === 'Ec2Instance') {
      const type = spec.spec.instanceType;
      if (type !== undefined && policy.allowedInstanceTypes.length > 0 && !policy.allowedInstanceTypes.includes(type)) {
        const where = written('spec', 'instanceType') ? ['spec', 'instanceType'] : ['metadata', 'name'];
        sink.report(
          src,
          where,
          `instance type ${type} is not allowed; allowed types: ${policy.allowedInstanceTypes.join(', ')} ${policyNote}`,
        );
      }
      if (!policy.allowSshFromAnywhere) {
        spec.spec.ssh?.allowFrom?.forEach((block, index) => {
          const cidr = parseCidr(block);
          if (cidr && isAnywhere(cidr)) {
            sink.report(
              src,
              ['spec', 'ssh', 'allowFrom', index],
              `spec.ssh.allowFrom ${block} opens SSH to the whole internet; list narrower CIDR blocks or set policy.allowSshFromAnywhere ${policyNote}`,
            );
          }
        });
      }
    }
  }
}
