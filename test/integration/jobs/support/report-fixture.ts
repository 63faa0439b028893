// A failure-report bench: the GitHub and Slack doubles, a SQLite store, real metrics, and the job problem reporter
// wired as main.ts wires it. Jobs are built as the store would hand them to onJobFailed.
import type { GitHubClient } from '../../../../src/github/octokit.js';
import { createBoardCache, createProjectsGateway } from '../../../../src/github/projects.js';
import { createTestClock } from '../../../../src/jobs/clock.js';
import type { TestClock } from '../../../../src/jobs/clock.js';
import { createMetrics } from '../../../../src/metrics/metrics.js';
import type { Metrics } from '../../../../src/metrics/metrics.js';
import { createSlackClient } from '../../../../src/slack/slack-client.js';
import type { Job, Store } from '../../../../src/store/store.js';
import { JOB_KINDS } from '../../../../src/workflow/job-kinds.js';
import { createJobProblemReporter } from '../../../../src/workflow/report-job-problem.js';
import type { JobProblemReporter } from '../../../../src/workflow/report-job-problem.js';
import type { Services } from '../../../../src/workflow/services.js';

/** What the reporters, the sweeper, reminders and card moves reach: this bench builds exactly that. */
export type BenchServices = Pick<
  Services,
  'store' | 'clock' | 'log' | 'github' | 'installationId' | 'slack' | 'notifyWorker' | 'projects'
>;
import { startGitHubDouble } from '../../../doubles/github/server.js';
import type { GitHubDouble } from '../../../doubles/github/server.js';
import { testOctokit } from '../../../doubles/github/test-octokit.js';
import { startSlackDouble } from '../../../doubles/slack/server.js';
import type { SlackDouble } from '../../../doubles/slack/server.js';
import { CONFIG } from '../../../e2e/support/fixtures.js';
import { captureLog, openTempStore } from './helpers.js';

export const OWNER = 'acme';
export const REPO = 'infra';
export const CHANNEL = 'C0APPROVALS';
export const OWNER_EMAIL = 'ada@acme.test';

export interface ReportBench {
  github: GitHubDouble;
  slack: SlackDouble;
  store: Store;
  clock: TestClock;
  log: ReturnType<typeof captureLog>;
  metrics: Metrics;
  services: BenchServices;
  reporter: JobProblemReporter;
  pr: number;
  headSha: string;
  /** A job as the store hands it to onJobFailed (status failed). */
  job(kind: string, payload: unknown, attempts?: number): Job;
  /** The value of infra_bot_jobs_failed_total for these labels (0 when never counted). */
  failedCount(kind: string, category: string): Promise<number>;
  reportFailures(kind: string): Promise<number>;
  close(): Promise<void>;
}

let nextId = 100;

export async function startReportBench(options: { extraConfig?: string } = {}): Promise<ReportBench> {
  const github = await startGitHubDouble();
  const config = `${CONFIG}approvals: { slackChannel: ${CHANNEL} }\n${options.extraConfig ?? ''}`;
  github.addRepo({ owner: OWNER, repo: REPO, files: { '.github/infra.yml': config } });
  github.commit(OWNER, REPO, 'feature', { 'infra-specs/a.yaml': 'x: 1\n' }, 'a change');
  const pr = github.openPull({ owner: OWNER, repo: REPO, head: 'feature', title: 'A change' });
  const headSha = (github.pullPayload(OWNER, REPO, pr) as { head: { sha: string } }).head.sha;
  const slack = await startSlackDouble({ token: 'xoxb-reports', channels: [CHANNEL] });
  slack.addUser({ id: 'U0ADA0001', name: 'ada', email: OWNER_EMAIL });
  const clock = createTestClock('2030-01-01T10:00:00.000Z');
  const opened = await openTempStore(clock);
  const log = captureLog();
  const metrics = createMetrics({ jobKinds: Object.values(JOB_KINDS), defaultMetrics: false });
  const client = createSlackClient({ token: 'xoxb-reports', apiUrl: slack.apiUrl, log, retries: 0 });
  const services: BenchServices = {
    store: opened.store,
    clock,
    log,
    github: async () => testOctokit(github),
    installationId: async () => 1,
    slack: { client },
    notifyWorker: () => undefined,
    projects: (octokit: GitHubClient) => createProjectsGateway(octokit, { cache: createBoardCache() }),
  };
  const value = async (name: string, labels: Record<string, string>) => {
    const metric = await metrics.registry.getSingleMetric(name)?.get();
    const found = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
    return found?.value ?? 0;
  };
  return {
    github,
    slack,
    store: opened.store,
    clock,
    log,
    metrics,
    services,
    reporter: createJobProblemReporter({ services, metrics, retryDelaysMs: [0, 0] }),
    pr,
    headSha,
    job: (kind, payload, attempts = 1) => {
      const now = clock.now();
      return {
        id: String((nextId += 1)),
        kind,
        payload,
        status: 'failed',
        runAt: now,
        retryPolicy: 'retry',
        attempts,
        maxAttempts: 5,
        lastError: 'boom',
        createdAt: now,
        updatedAt: now,
      };
    },
    failedCount: (kind, category) => value('infra_bot_jobs_failed_total', { kind, category }),
    reportFailures: (kind) => value('infra_bot_failure_reports_failed_total', { kind }),
    async close() {
      await github.close();
      await slack.close();
      await opened.cleanup();
    },
  };
}
