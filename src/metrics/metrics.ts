// The app's Prometheus metrics, on a registry of their own (not prom-client's global one): webhook handling time,
// jobs by state and kind (read from the store at scrape time), job and terraform durations, GitHub's remaining rate
// limit, failed external calls, and the default process metrics. Label values come only from fixed lists.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ERROR_CATEGORIES } from '../jobs/error-category.js';
import type { ErrorCategory } from '../jobs/error-category.js';
import { JOB_STATUSES } from '../store/records.js';
import type { JobStatus } from '../store/records.js';
import {
  DEFAULT_WEBHOOK_EVENTS,
  EXTERNAL_SERVICES,
  FAILURE_REASONS,
  JOB_OUTCOMES,
  OTHER,
  RATE_LIMIT_RESOURCES,
  TERRAFORM_OUTCOMES,
  TERRAFORM_PHASES,
  WEBHOOK_OUTCOMES,
  labelValues,
  oneOf,
} from './labels.js';
import type {
  ExternalService,
  FailureReason,
  JobOutcome,
  TerraformOutcome,
  TerraformPhase,
  WebhookOutcome,
} from './labels.js';

export interface JobCount {
  status: JobStatus;
  kind: string;
  count: number;
}

export interface MetricsOptions {
  /** The job kinds the worker runs (`Object.keys(handlers)`); any other kind is counted as `other`. */
  jobKinds: readonly string[];
  /** `event.action` values that get their own label (default: the events the app subscribes to). */
  webhookEvents?: readonly string[];
  /** Jobs per status and kind, read at each scrape (e.g. `store.countJobsByStateAndKind()`). */
  countJobs?: () => Promise<readonly JobCount[]>;
  /** Node process metrics (memory, CPU, event loop lag, GC); default true. */
  defaultMetrics?: boolean;
  /** Worker threads alive and claiming jobs (the web process only). */
  workerThreads?: () => number;
}

export interface Metrics {
  readonly registry: Registry;
  observeWebhook(event: string, outcome: WebhookOutcome, seconds: number): void;
  /** From a request's arrival to its answer's last byte, on the HTTP edge (`webhook`, `slack`). */
  observeAck(route: AckRoute, seconds: number): void;
  observeJob(kind: string, outcome: JobOutcome, seconds: number): void;
  observeTerraformRun(phase: TerraformPhase, outcome: TerraformOutcome, seconds: number): void;
  setRateLimitRemaining(resource: string, remaining: number): void;
  countFailure(service: ExternalService, reason: FailureReason): void;
  /** A job failed for good (no retry left, or not retryable), by kind and error category. */
  countJobFailure(kind: string, category: ErrorCategory): void;
  /** Telling people about a failed job failed (the comment, the Slack notice or the audit entry). */
  countReportFailure(kind: string): void;
}

export const ACK_ROUTES = ['webhook', 'slack'] as const;
export type AckRoute = (typeof ACK_ROUTES)[number];

const SECONDS = {
  webhook: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  job: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
  terraform: [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
};

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const kinds = labelValues('job kinds', options.jobKinds);
  const events = labelValues('webhook events', options.webhookEvents ?? DEFAULT_WEBHOOK_EVENTS);
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const webhook = new Histogram({
    name: 'infra_bot_webhook_handling_seconds',
    help: 'Time from a webhook reaching its handler to the handler answering (recorded and enqueued).',
    labelNames: ['event', 'outcome'],
    buckets: SECONDS.webhook,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'infra_bot_job_duration_seconds',
    help: 'Time a job ran in this process, by kind and outcome.',
    labelNames: ['kind', 'outcome'],
    buckets: SECONDS.job,
    registers,
  });
  const terraform = new Histogram({
    name: 'infra_bot_terraform_run_seconds',
    help: 'Duration of terraform runs (plan = init + plan + show), by phase and outcome.',
    labelNames: ['phase', 'outcome'],
    buckets: SECONDS.terraform,
    registers,
  });
  const rateLimit = new Gauge({
    name: 'infra_bot_github_rate_limit_remaining',
    help: "GitHub's x-ratelimit-remaining on the latest response, by rate limit resource.",
    labelNames: ['resource'],
    // Each worker thread sees its own responses: the lowest figure is the one that matters.
    aggregator: 'min',
    registers,
  });
  const failures = new Counter({
    name: 'infra_bot_external_call_failures_total',
    help: 'Calls to GitHub, Slack, Okta or AWS that failed (after the client retries), by reason.',
    labelNames: ['service', 'reason'],
    registers,
  });
  const jobsFailed = new Counter({
    name: 'infra_bot_jobs_failed_total',
    help: 'Jobs that failed for good, by kind and error category (config, transient, permission, bug).',
    labelNames: ['kind', 'category'],
    registers,
  });
  const reportsFailed = new Counter({
    name: 'infra_bot_failure_reports_failed_total',
    help: 'Failed jobs whose report (PR or issue comment, Slack notice, audit entry) could not be delivered, by kind.',
    labelNames: ['kind'],
    registers,
  });
  const storeUp = new Gauge({
    name: 'infra_bot_store_up',
    help: 'Whether the last scrape could read the job counts from the store (1) or not (0).',
    registers,
  });
  const ack = new Histogram({
    name: 'infra_bot_ack_seconds',
    help: 'Time from a request reaching the HTTP edge to its answer (verify, record and enqueue), by route.',
    labelNames: ['route'],
    buckets: SECONDS.webhook,
    registers,
  });
  const threads = options.workerThreads;
  if (threads) {
    new Gauge({
      name: 'infra_bot_worker_threads',
      help: 'Worker threads alive and claiming jobs (INFRA_BOT_WORKERS; 0 when jobs run in the web process).',
      registers,
      collect() {
        this.set(threads());
      },
    });
  }
  // The collectors of one scrape run together: they share one read of the job counts.
  let reading: Promise<readonly JobCount[]> | undefined;
  const countJobs =
    options.countJobs &&
    (() => {
      reading ??= options.countJobs!().finally(() => (reading = undefined));
      return reading;
    });
  new Gauge({
    name: 'infra_bot_job_queue_depth',
    help: 'Jobs waiting in the store (queued, due now or later), all kinds: what a burst leaves to the workers.',
    registers,
    async collect() {
      const rows = await countJobs?.().catch(() => undefined);
      if (rows)
        this.set(rows.reduce((sum, row) => (row.status === 'queued' ? sum + (Number(row.count) || 0) : sum), 0));
      else this.reset();
    },
  });
  new Gauge({
    name: 'infra_bot_jobs',
    help: 'Jobs in the store by state and kind (the same figures on every replica: aggregate with max).',
    labelNames: ['state', 'kind'],
    registers,
    async collect() {
      this.reset();
      if (!countJobs) return;
      let rows: readonly JobCount[];
      try {
        rows = await countJobs();
      } catch {
        // No figures rather than stale ones; readiness says why.
        storeUp.set(0);
        return;
      }
      storeUp.set(1);
      for (const state of JOB_STATUSES) for (const kind of [...kinds, OTHER]) this.set({ state, kind }, 0);
      for (const row of rows) {
        this.inc({ state: oneOf(JOB_STATUSES, row.status), kind: oneOf(kinds, row.kind) }, Number(row.count) || 0);
      }
    },
  });

  return {
    registry,
    observeWebhook: (event, outcome, seconds) =>
      webhook.observe({ event: oneOf(events, event), outcome: oneOf(WEBHOOK_OUTCOMES, outcome) }, seconds),
    observeAck: (route, seconds) => ack.observe({ route: oneOf(ACK_ROUTES, route) }, seconds),
    observeJob: (kind, outcome, seconds) =>
      jobDuration.observe({ kind: oneOf(kinds, kind), outcome: oneOf(JOB_OUTCOMES, outcome) }, seconds),
    observeTerraformRun: (phase, outcome, seconds) =>
      terraform.observe(
        { phase: oneOf(TERRAFORM_PHASES, phase), outcome: oneOf(TERRAFORM_OUTCOMES, outcome) },
        seconds,
      ),
    setRateLimitRemaining: (resource, remaining) => {
      if (Number.isFinite(remaining)) rateLimit.set({ resource: oneOf(RATE_LIMIT_RESOURCES, resource) }, remaining);
    },
    countFailure: (service, reason) =>
      failures.inc({ service: oneOf(EXTERNAL_SERVICES, service), reason: oneOf(FAILURE_REASONS, reason) }),
    countJobFailure: (kind, category) =>
      jobsFailed.inc({ kind: oneOf(kinds, kind), category: oneOf(ERROR_CATEGORIES, category) }),
    countReportFailure: (kind) => reportsFailed.inc({ kind: oneOf(kinds, kind) }),
  };
}
