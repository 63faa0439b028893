import type { Env } from '../config/env.js';
import type { Clock } from '../jobs/clock.js';
import type { OktaDirectory } from '../okta/okta-client.js';

/**
 * The Okta directory, built on first use and shared by every caller (approver checks, identity commands). The Okta
 * SDK costs ~1 s and ~120 MB to load, so an idle replica never loads it.
 */
export function lazyOktaDirectory(env: Env, clock: Clock): { orgUrl: string; get(): Promise<OktaDirectory> } {
  const orgUrl = (env.OKTA_ORG_URL as string).replace(/\/+$/, '');
  let directory: Promise<OktaDirectory> | undefined;
  return {
    orgUrl,
    get() {
      directory ??= import('../okta/okta-client.js')
        .then(({ createOktaDirectory }) =>
          createOktaDirectory({
            orgUrl,
            clock,
            ...(env.OKTA_API_TOKEN && { token: env.OKTA_API_TOKEN }),
            ...(env.OKTA_CLIENT_ID && { clientId: env.OKTA_CLIENT_ID }),
            ...(env.OKTA_PRIVATE_KEY && { privateKey: env.OKTA_PRIVATE_KEY }),
          }),
        )
        .catch((error: unknown) => {
          directory = undefined; // a failed build (bad key) is tried again on the next use
          throw error;
        });
      return directory;
    },
  };
}
