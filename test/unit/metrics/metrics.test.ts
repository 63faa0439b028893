import { describe, expect, it } from '@jest/globals';
import { MetricsError } from '../../../src/metrics/labels.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import type { JobCount, Metrics } from '../../../src/metrics/metrics.js';
import { CANARIES } from '../logging/canaries.js';

const KINDS = ['pr.evaluate', 'pr.closed', 'comment.command'];

async function values(metrics: Metrics, name: string) {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return (await metric.get()).values;
}

describe('createMetrics', () => {
  it('exposition › every metric the issue asks for, plus the default process metrics', async () => {
    const metrics = createMetrics({ jobKinds: KINDS, countJobs: async () => [] });
    const text = await metrics.registry.metrics();
    for (const name of [
      'infra_bot_webhook_handling_seconds',
      'infra_bot_jobs',
      'infra_bot_job_duration_seconds',
      'infra_bot_terraform_run_seconds',
      'infra_bot_github_rate_limit_remaining',
      'infra_bot_external_call_failures_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('observations › land in their histograms and counters with enumerated labels', async () => {
    const metrics = createMetrics({ jobKinds: KINDS, defaultMetrics: false });
    metrics.observeWebhook('pull_request.opened', 'ok', 0.012);
    metrics.observeJob('pr.evaluate', 'error', 3);
    metrics.observeTerraformRun('plan', 'timeout', 900);
    metrics.setRateLimitRemaining('core', 4321);
    metrics.countFailure('slack', 'rate_limited');
    metrics.countFailure('slack', 'rate_limited');
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_webhook_handling_seconds_count{event="pull_request.opened",outcome="ok"} 1');
    expect(text).toContain('infra_bot_job_duration_seconds_sum{kind="pr.evaluate",outcome="error"} 3');
    expect(text).toContain('infra_bot_terraform_run_seconds_bucket{le="1200",phase="plan",outcome="timeout"} 1');
    expect(text).toContain('infra_bot_github_rate_limit_remaining{resource="core"} 4321');
    expect(text).toContain('infra_bot_external_call_failures_total{service="slack",reason="rate_limited"} 2');
  });

  it('jobs by state and kind › read from the store at each scrape, zeros included, unknown kinds as other', async () => {
    let rows: JobCount[] = [
      { status: 'queued', kind: 'pr.evaluate', count: 4 },
      { status: 'running', kind: 'comment.command', count: 1 },
      { status: 'done', kind: 'legacy.kind', count: 2 },
      { status: 'done', kind: 'another.legacy', count: 3 },
    ];
    const metrics = createMetrics({ jobKinds: KINDS, defaultMetrics: false, countJobs: async () => rows });
    const first = await values(metrics, 'infra_bot_jobs');
    const at = (list: typeof first, state: string, kind: string) =>
      list.find((v) => v.labels.state === state && v.labels.kind === kind)?.value;
    expect(at(first, 'queued', 'pr.evaluate')).toBe(4);
    expect(at(first, 'running', 'comment.command')).toBe(1);
    expect(at(first, 'done', 'other')).toBe(5);
    expect(at(first, 'failed', 'pr.closed')).toBe(0);
    expect(first).toHaveLength(6 * 4);

    rows = [{ status: 'done', kind: 'pr.evaluate', count: 9 }];
    const second = await values(metrics, 'infra_bot_jobs');
    expect(at(second, 'queued', 'pr.evaluate')).toBe(0);
    expect(at(second, 'done', 'pr.evaluate')).toBe(9);
    expect((await values(metrics, 'infra_bot_store_up'))[0]?.value).toBe(1);
  });

  it('the store is unreachable at scrape time › no job figures (not stale ones), store_up 0, the page still renders', async () => {
    const metrics = createMetrics({
      jobKinds: KINDS,
      defaultMetrics: false,
      countJobs: async () => {
        throw new Error('connection refused');
      },
    });
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^infra_bot_jobs\{/m);
    expect(text).toContain('infra_bot_store_up 0');
  });

  it('failed jobs › counted by kind and error category, report failures by kind, foreign values as other', async () => {
    const metrics = createMetrics({ jobKinds: KINDS, defaultMetrics: false });
    metrics.countJobFailure('pr.evaluate', 'config');
    metrics.countJobFailure('pr.evaluate', 'config');
    metrics.countJobFailure('comment.command', 'transient');
    metrics.countJobFailure(CANARIES.githubInstallation, CANARIES.githubInstallation as 'bug');
    metrics.countReportFailure('pr.closed');
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_jobs_failed_total{kind="pr.evaluate",category="config"} 2');
    expect(text).toContain('infra_bot_jobs_failed_total{kind="comment.command",category="transient"} 1');
    expect(text).toContain('infra_bot_jobs_failed_total{kind="other",category="other"} 1');
    expect(text).toContain('infra_bot_failure_reports_failed_total{kind="pr.closed"} 1');
    expect(text).not.toContain('CanaryInstallation');
  });

  it('a canary secret offered as every label value › never in the exposition, counted as other', async () => {
    const metrics = createMetrics({
      jobKinds: KINDS,
      defaultMetrics: false,
      countJobs: async () => [{ status: 'done', kind: CANARIES.githubInstallation, count: 1 }],
    });
    const canary = CANARIES.githubInstallation;
    metrics.observeWebhook(canary, 'ok', 0.01);
    metrics.observeWebhook('pull_request.opened', canary as 'ok', 0.01);
    metrics.observeJob(canary, canary as 'ok', 1);
    metrics.observeTerraformRun(canary as 'plan', canary as 'ok', 1);
    metrics.setRateLimitRemaining(canary, 1);
    metrics.countFailure(canary as 'slack', canary as 'timeout');
    const text = await metrics.registry.metrics();
    expect(text).not.toContain('CanaryInstallation');
    expect(text).toContain('infra_bot_webhook_handling_seconds_count{event="other",outcome="ok"} 1');
    expect(text).toContain('infra_bot_external_call_failures_total{service="other",reason="other"} 1');
    expect(text).toContain('infra_bot_jobs{state="done",kind="other"} 1');
  });

  it('configured label values that are not short identifiers › refused at start-up without echoing them', () => {
    expect(() => createMetrics({ jobKinds: ['pr.evaluate', `kind ${CANARIES.slackBot}`] })).toThrow(MetricsError);
    expect(() => createMetrics({ jobKinds: ['pr.evaluate', `kind ${CANARIES.slackBot}`] })).not.toThrow(/CanarySlack/);
    expect(() => createMetrics({ jobKinds: ['other'] })).toThrow(MetricsError);
  });

  it('two instances in one process › separate registries, no "already registered" clash', async () => {
    const a = createMetrics({ jobKinds: KINDS });
    const b = createMetrics({ jobKinds: KINDS });
    a.countFailure('okta', 'timeout');
    expect(await b.registry.metrics()).not.toContain('service="okta"');
  });
});
