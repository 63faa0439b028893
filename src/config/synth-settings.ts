import type { SynthSettings } from '../specs/model.js';
import type { RepoConfig } from './repo-config-schema.js';

/** The part of the repo config synthesis needs, plus where this deployment keeps things. */
export function synthSettingsFrom(
  config: RepoConfig,
  where: { repository: string; localStateDir: string },
): SynthSettings {
  return {
    repository: where.repository,
    defaultRegion: config.defaults.region,
    terraform: {
      stateRegion: config.terraform.stateRegion,
      stateKeyPrefix: config.terraform.stateKeyPrefix,
      ...(config.terraform.stateBucket !== undefined && { stateBucket: config.terraform.stateBucket }),
    },
    localStateDir: where.localStateDir,
    okta: { maxApiCapacity: config.okta.maxApiCapacity },
    identityLayout: config.identity.stackLayout,
    ...(config.sso !== undefined && { sso: config.sso }),
  };
}
