import { STSClient } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import type { Probot } from 'probot';
import { createStsCredentialsProvider } from '../aws/sts-credentials.js';
import type { Env } from '../config/env.js';
import type { GitHubClient } from '../github/octokit.js';
import type { Clock } from '../jobs/clock.js';
import { createLocalRunner } from '../plan/local-runner.js';
import type { TerraformRunner } from '../plan/runner.js';
import type { Store } from '../store/store.js';
import type { Services } from '../workflow/services.js';
import { ambientAwsEnv, appSecrets, oktaProviderEnv } from './terraform-env.js';

export interface ServiceInputs {
  app: Probot;
  env: Env;
  rawEnv: Record<string, string | undefined>;
  store: Store;
  clock: Clock;
  dataDir: string;
  notifyWorker(): void;
}

/** Builds the clients the workflow uses, once per process. */
export function createServices(inputs: ServiceInputs): Services {
  const { app, env, rawEnv, store, clock, dataDir } = inputs;
  const runners = new Map<string, TerraformRunner>();
  const sts = new STSClient({ region: rawEnv.AWS_REGION ?? rawEnv.AWS_DEFAULT_REGION ?? 'us-east-1', maxAttempts: 3 });
  return {
    store,
    clock,
    log: app.log,
    github: async (installationId) => (await app.auth(installationId)) as unknown as GitHubClient,
    runner: (binary) => {
      let runner = runners.get(binary);
      if (!runner) {
        runner = createLocalRunner({ binary, pluginCacheDir: join(dataDir, 'plugin-cache'), log: app.log, clock });
        runners.set(binary, runner);
      }
      return runner;
    },
    credentials: createStsCredentialsProvider({ sts, clock }),
    terraformEnv: { okta: oktaProviderEnv(env), aws: ambientAwsEnv(rawEnv) },
    secrets: appSecrets(env, rawEnv),
    dataDir,
    notifyWorker: inputs.notifyWorker,
  };
}
