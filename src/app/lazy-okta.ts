import type { Env } from '../config/env.js';
import type { Clock } from '../jobs/clock.js';
import type { OktaDirectory } from '../okta/okta-client.js';

/**
 * Okta group membership for approver checks. The Okta SDK costs ~1 s and ~120 MB to load, so it is loaded on the
 * first lookup, not at start-up (an idle replica stays small).
 */
export function lazyOktaGroups(
  env: Env,
  clock: Clock,
): { isMemberOfGroupNamed(email: string, group: string): Promise<boolean> } {
  let directory: Promise<OktaDirectory> | undefined;
  return {
    async isMemberOfGroupNamed(email, group) {
      directory ??= import('../okta/okta-client.js').then(({ createOktaDirectory }) =>
        createOktaDirectory({
          orgUrl: env.OKTA_ORG_URL as string,
          clock,
          ...(env.OKTA_API_TOKEN && { token: env.OKTA_API_TOKEN }),
          ...(env.OKTA_CLIENT_ID && { clientId: env.OKTA_CLIENT_ID }),
          ...(env.OKTA_PRIVATE_KEY && { privateKey: env.OKTA_PRIVATE_KEY }),
        }),
      );
      return (await directory).isMemberOfGroupNamed(email, group);
    },
  };
}
