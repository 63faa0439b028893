import { STSClient } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import type { Probot } from 'probot';
import { createStsCredentialsProvider } from '../aws/sts-credentials.js';
import type { Env } from '../config/env.js';
import type { GitHubClient } from '../github/octokit.js';
import { createProjectsGateway } from '../github/projects.js';
import type { Clock } from '../jobs/clock.js';
import { createLocalRunner } from '../plan/local-runner.js';
import type { TerraformRunner } from '../plan/runner.js';
import { createSlackClient } from '../slack/slack-client.js';
import type { Store } from '../store/store.js';
import type { Services } from '../workflow/services.js';
import { lazyOktaGroups } from './lazy-okta.js';
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
  const installations = new Map<string, number>();
  const sts = new STSClient({ region: rawEnv.AWS_REGION ?? rawEnv.AWS_DEFAULT_REGION ?? 'us-east-1', maxAttempts: 3 });
  const slackClient = env.SLACK_BOT_TOKEN
    ? createSlackClient({
        token: env.SLACK_BOT_TOKEN,
        log: app.log,
        ...(env.SLACK_API_URL && { apiUrl: env.SLACK_API_URL }),
      })
    : undefined;
  const services: Services = {
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
    installationId: async (owner, repo) => {
      const key = `${owner}/${repo}`.toLowerCase();
      const known = installations.get(key);
      if (known !== undefined) return known;
      const appClient = (await app.auth()) as unknown as GitHubClient;
      const { data } = await appClient.rest.apps.getRepoInstallation({ owner, repo });
      installations.set(key, data.id);
      return data.id;
    },
    projects: (octokit) => createProjectsGateway(octokit),
    ...(slackClient && { slack: { client: slackClient } }),
    ...(env.OKTA_ORG_URL && (env.OKTA_API_TOKEN || env.OKTA_CLIENT_ID) && { okta: lazyOktaGroups(env, clock) }),
  };
  if (services.slack) {
    // The bot's workspace, so clicks from another workspace are refused; best effort at start-up.
    const slack = services.slack;
    slack.client.authTest().then(
      (auth) => (slack.teamId = auth.teamId),
      (error: unknown) =>
        app.log.warn({ err: error }, 'Slack auth.test failed: the workspace of clicks is not checked'),
    );
  }
  return services;
}
