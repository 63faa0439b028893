import type { AwsClients } from '../aws/aws-clients.js';
import type { Clock } from '../jobs/clock.js';
import type { GitHubClient } from '../github/octokit.js';
import type { OktaDirectory } from '../okta/okta-client.js';
import type { AwsCredentials, TerraformRunner } from '../plan/runner.js';
import type { ProjectsGateway } from '../github/projects.js';
import type { SlackClient } from '../slack/slack-client.js';
import type { Store } from '../store/store.js';
import type { RepoConfig } from '../config/repo-config-schema.js';

export interface RunTarget {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
}

export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  debug(fields: object, message?: string): void;
}

/** Assumes a role for one terraform run. */
export interface CredentialsSource {
  forRun(input: { roleArn: string; sessionName: string; durationSeconds: number }): Promise<AwsCredentials>;
}

/** Everything the workflow touches, built once at start-up and passed in. */
export interface Services {
  store: Store;
  clock: Clock;
  log: Logger;
  /** An Octokit authenticated as the installation (Probot's `app.auth(id)`). */
  github(installationId: number): Promise<GitHubClient>;
  /**
   * The runner for a repo's `terraform` settings: the local CLI (`binary`), or a GitHub Actions workflow in the
   * target repository at `sha` (`runner: actions`).
   */
  runner(terraform: RepoConfig['terraform'], target: RunTarget): TerraformRunner;
  credentials?: CredentialsSource;
  /** Environment a terraform run gets beyond credentials: Okta provider settings, ambient AWS settings. */
  terraformEnv: { okta: Record<string, string>; aws: Record<string, string> };
  /** Values that must never reach a comment, check or log (tokens the app holds). */
  secrets: string[];
  dataDir: string;
  /** Wakes the worker after an enqueue. */
  notifyWorker(): void;
  /** The installation of a repository (jobs that start from Slack or a deadline carry no installation id). */
  installationId(owner: string, repo: string): Promise<number>;
  /** Slack, when SLACK_BOT_TOKEN is set: approval requests, decisions, notices. */
  slack?: { client: SlackClient; teamId?: string };
  /** Okta group membership, when Okta is configured (approvals.approverOktaGroup). */
  okta?: { isMemberOfGroupNamed(email: string, groupName: string): Promise<boolean> };
  /** The Okta directory (read side), when Okta is configured: built on first use, once per process. */
  directory?: { orgUrl: string; get(): Promise<OktaDirectory> };
  /** AWS read clients (STS, EC2), built on first use, once per process. */
  aws?: () => Promise<AwsClients>;
  /** The Projects (v2) board gateway for an installation client. */
  projects(octokit: GitHubClient): ProjectsGateway;
}

/**
 * What one step reaches: the named parts of Services and, as `store`, only the store methods it calls. A step's
 * signature then says what it touches, and a test's fake builds exactly that (no cast of a half-built Services).
 * Steps that call other steps intersect their deps: `ApplyDeps = Deps<…> & ApplyStackDeps & …`.
 */
export type Deps<K extends Exclude<keyof Services, 'store'> = never, S extends keyof Store = never> = Pick<
  Services,
  K
> &
  ([S] extends [never] ? unknown : { store: Pick<Store, S> });
