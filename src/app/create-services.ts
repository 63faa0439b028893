import { join } from 'node:path';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Probot } from 'probot';
import { createStsCredentialsProvider } from '../aws/sts-credentials.js';
import type { Env } from '../config/env.js';
import type { GitHubClient } from '../github/octokit.js';
import { createProjectsGateway } from '../github/projects.js';
import type { Clock } from '../jobs/clock.js';
import { createLocalRunner } from '../plan/local-runner.js';
import { createActionsRunner } from '../plan/actions-runner.js';
import type { TerraformRunner } from '../plan/runner.js';
import { createSlackClient } from '../slack/slack-client.js';
import { redactingSlackClient } from '../slack/redacting-slack-client.js';
import type { Store } from '../store/store.js';
import type { Services } from '../workflow/services.js';
import { instrumentClient, instrumentRunner } from '../metrics/instrument.js';
import type { Metrics } from '../metrics/metrics.js';
import { lazyAwsClients } from './lazy-aws.js';
import { lazyOktaDirectory } from './lazy-okta.js';
import { ambientAwsEnv, appSecrets, oktaProviderEnv } from './terraform-env.js';

export interface ServiceInputs {
  app: Probot;
  env: Env;
  rawEnv: Record<string, string | undefined>;
  store: Store;
  clock: Clock;
  dataDir: string;
  notifyWorker(): void;
  metrics: Pick<Metrics, 'observeTerraformRun' | 'countFailure'>;
}

/** Builds the clients the workflow uses, once per process. */
export function createServices(inputs: ServiceInputs): Services {
  const { app, env, rawEnv, store, clock, dataDir } = inputs;
  const runners = new Map<string, TerraformRunner>();
  const installations = new Map<string, number>();
  let sts: Promise<STSClient> | undefined;
  const stsClient = () =>
    (sts ??= import('@aws-sdk/client-sts').then(
      ({ STSClient }) =>
        new STSClient({ region: rawEnv.AWS_REGION ?? rawEnv.AWS_DEFAULT_REGION ?? 'us-east-1', maxAttempts: 3 }),
    ));
  const secrets = appSecrets(env, rawEnv);
  const slackClient = env.SLACK_BOT_TOKEN
    ? redactingSlackClient(
        instrumentClient(
          inputs.metrics,
          'slack',
          createSlackClient({
            token: env.SLACK_BOT_TOKEN,
            log: app.log,
            ...(env.SLACK_API_URL && { apiUrl: env.SLACK_API_URL }),
          }),
        ),
        secrets,
      )
    : undefined;
  const directory =
    env.OKTA_ORG_URL && (env.OKTA_API_TOKEN || env.OKTA_CLIENT_ID) ? lazyOktaDirectory(env, clock) : undefined;
  const services: Services = {
    store,
    clock,
    log: app.log,
    github: async (installationId) => (await app.auth(installationId)) as unknown as GitHubClient,
    runner: (terraform, target) => {
      if (terraform.runner === 'actions') {
        return instrumentRunner(
          inputs.metrics,
          createActionsRunner({
            github: () => services.github(target.installationId),
            owner: target.owner,
            repo: target.repo,
            sha: target.sha,
            log: app.log,
            clock,
          }),
        );
      }
      let runner = runners.get(terraform.binary);
      if (!runner) {
        runner = instrumentRunner(
          inputs.metrics,
          createLocalRunner({
            binary: terraform.binary,
            // The environment the process was started with (main.ts: process.env), so a caller that injects one
            // (app/in-process.ts) also decides the PATH terraform is found on.
            env: rawEnv,
            pluginCacheDir: join(dataDir, 'plugin-cache'),
            log: app.log,
            clock,
            replicas: Number(env.INFRA_BOT_REPLICAS ?? 1),
          }),
        );
        runners.set(terraform.binary, runner);
      }
      return runner;
    },
    credentials: createStsCredentialsProvider({ sts: stsClient, clock }),
    terraformEnv: { okta: oktaProviderEnv(env), aws: ambientAwsEnv(rawEnv) },
    secrets,
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
    aws: lazyAwsClients(rawEnv),
    ...(directory && {
      directory,
      okta: {
        isMemberOfGroupNamed: async (email: string, group: string) =>
          (await directory.get()).isMemberOfGroupNamed(email, group),
      },
    }),
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
