import { describe, expect, it } from '@jest/globals';
import type { JobContext } from '../../../src/jobs/job-runner.js';
import {
  instrumentClient,
  instrumentJobHandlers,
  instrumentRunner,
  instrumentWebhook,
} from '../../../src/metrics/instrument.js';
import { createMetrics } from '../../../src/metrics/metrics.js';
import type { TerraformRunner } from '../../../src/plan/runner.js';
import { SlackApiError } from '../../../src/slack/slack-errors.js';
import type { Job } from '../../../src/store/store.js';

const metricsFor = () => createMetrics({ jobKinds: ['pr.evaluate', 'pr.closed'], defaultMetrics: false });
const job = (kind: string) => ({ id: '1', kind }) as Job;
const ctx = (aborted = false): JobContext => {
  const controller = new AbortController();
  if (aborted) controller.abort();
  return { signal: controller.signal, heartbeat: async () => undefined, log: console as never };
};

describe('instrumentJobHandlers', () => {
  it('ok, error and aborted runs › timed by kind and outcome; results and errors pass through', async () => {
    const metrics = metricsFor();
    const handlers = instrumentJobHandlers(metrics, {
      'pr.evaluate': async () => 'planned',
      'pr.closed': async () => {
        throw new Error('nope');
      },
    });
    await expect(handlers['pr.evaluate']!(job('pr.evaluate'), ctx())).resolves.toBe('planned');
    await expect(handlers['pr.closed']!(job('pr.closed'), ctx())).rejects.toThrow('nope');
    await expect(handlers['pr.closed']!(job('pr.closed'), ctx(true))).rejects.toThrow('nope');
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="ok"} 1');
    expect(text).toContain('infra_bot_job_duration_seconds_count{kind="pr.closed",outcome="error"} 1');
    expect(text).toContain('infra_bot_job_duration_seconds_count{kind="pr.closed",outcome="aborted"} 1');
  });
});

describe('instrumentWebhook', () => {
  it('a handler › timed as event.action; a throwing one as error, and the error still reaches Probot', async () => {
    const metrics = metricsFor();
    const ok = instrumentWebhook(metrics, async () => undefined);
    const failing = instrumentWebhook(metrics, async () => {
      throw new Error('store down');
    });
    await ok({ name: 'pull_request', payload: { action: 'opened' } });
    await expect(failing({ name: 'issue_comment', payload: { action: 'created' } })).rejects.toThrow('store down');
    await ok({ name: 'pull_request', payload: { action: 'labeled' } });
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_webhook_handling_seconds_count{event="pull_request.opened",outcome="ok"} 1');
    expect(text).toContain('infra_bot_webhook_handling_seconds_count{event="issue_comment.created",outcome="error"} 1');
    expect(text).toContain('infra_bot_webhook_handling_seconds_count{event="other",outcome="ok"} 1');
  });
});

describe('instrumentRunner', () => {
  it('plan, apply, destroy › timed with the outcome their result says', async () => {
    const metrics = metricsFor();
    const failure = { ok: false as const, exitCode: null, log: '', error: 'x', cancelled: false };
    const runner: TerraformRunner = {
      plan: async () => ({ ok: true, planFile: 'p', planJson: '{}', hasChanges: false, log: '' }),
      apply: async () => ({ ...failure, phase: 'apply', timedOut: true }),
      destroy: async () => ({ ...failure, phase: 'destroy', timedOut: false, cancelled: true }),
    };
    const timed = instrumentRunner(metrics, runner);
    const request = { workDir: '/w', stack: 's', timeoutMs: 1000 };
    await expect(timed.plan(request)).resolves.toMatchObject({ ok: true });
    await timed.apply({ ...request, planFile: 'p' });
    await timed.destroy(request);
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_terraform_run_seconds_count{phase="plan",outcome="ok"} 1');
    expect(text).toContain('infra_bot_terraform_run_seconds_count{phase="apply",outcome="timeout"} 1');
    expect(text).toContain('infra_bot_terraform_run_seconds_count{phase="destroy",outcome="cancelled"} 1');
  });
});

describe('instrumentClient', () => {
  it('a client whose calls fail › failures counted by service and reason; values, this and errors unchanged', async () => {
    const metrics = metricsFor();
    class Slack {
      readonly team = 'T1';
      async authTest() {
        return { teamId: this.team };
      }
      async postMessage(): Promise<never> {
        throw new SlackApiError('ratelimited', 'chat.postMessage', 'rate limited by Slack', true, 429);
      }
      channelOf(name: string) {
        if (!name) throw new SlackApiError('network', 'x', 'down', true);
        return `#${name}`;
      }
    }
    const slack = instrumentClient(metrics, 'slack', new Slack());
    expect(slack.team).toBe('T1');
    await expect(slack.authTest()).resolves.toEqual({ teamId: 'T1' });
    await expect(slack.postMessage()).rejects.toBeInstanceOf(SlackApiError);
    expect(slack.channelOf('ops')).toBe('#ops');
    expect(() => slack.channelOf('')).toThrow(SlackApiError);
    const text = await metrics.registry.metrics();
    expect(text).toContain('infra_bot_external_call_failures_total{service="slack",reason="rate_limited"} 1');
    expect(text).toContain('infra_bot_external_call_failures_total{service="slack",reason="network"} 1');
  });
});
