// Wrappers that time or count calls without the wrapped code knowing: job handlers, webhook handlers, the terraform
// runner, and any client object whose methods return promises (Slack, Okta, AWS).
import type { JobHandler } from '../jobs/job-runner.js';
import type { ApplyResult, PlanResult, RunFailure, TerraformRunner } from '../plan/runner.js';
import { failureReason } from './failure-reason.js';
import type { ExternalService, TerraformOutcome, TerraformPhase } from './labels.js';
import type { Metrics } from './metrics.js';

const since = (started: number) => (performance.now() - started) / 1000;

/** Times every job by kind; `aborted` when the run's signal fired (lease lost, shutdown past the grace period). */
export function instrumentJobHandlers(
  metrics: Pick<Metrics, 'observeJob'>,
  handlers: Record<string, JobHandler>,
): Record<string, JobHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]): [string, JobHandler] => [
      kind,
      async (job, ctx) => {
        const started = performance.now();
        try {
          const result = await handler(job, ctx);
          metrics.observeJob(kind, 'ok', since(started));
          return result;
        } catch (error) {
          metrics.observeJob(kind, ctx.signal.aborted ? 'aborted' : 'error', since(started));
          throw error;
        }
      },
    ]),
  );
}

/** Times a Probot event handler; the label is `event.action` (an enumeration, see MetricsOptions.webhookEvents). */
export function instrumentWebhook<C extends { name: string; payload: unknown }>(
  metrics: Pick<Metrics, 'observeWebhook'>,
  handler: (context: C) => Promise<void> | void,
): (context: C) => Promise<void> {
  return async (context) => {
    const action = (context.payload as { action?: unknown }).action;
    const event = typeof action === 'string' ? `${context.name}.${action}` : context.name;
    const started = performance.now();
    try {
      await handler(context);
      metrics.observeWebhook(event, 'ok', since(started));
    } catch (error) {
      metrics.observeWebhook(event, 'error', since(started));
      throw error;
    }
  };
}

const outcomeOf = (result: { ok: true } | RunFailure): TerraformOutcome =>
  result.ok ? 'ok' : result.timedOut ? 'timeout' : result.cancelled ? 'cancelled' : 'failed';

/** Times each plan, apply and destroy with its outcome. */
export function instrumentRunner(
  metrics: Pick<Metrics, 'observeTerraformRun'>,
  runner: TerraformRunner,
): TerraformRunner {
  const timed = async <R extends PlanResult | ApplyResult>(phase: TerraformPhase, run: () => Promise<R>) => {
    const started = performance.now();
    try {
      const result = await run();
      metrics.observeTerraformRun(phase, outcomeOf(result), since(started));
      return result;
    } catch (error) {
      metrics.observeTerraformRun(phase, 'failed', since(started));
      throw error;
    }
  };
  return {
    plan: (request) => timed('plan', () => runner.plan(request)),
    apply: (request) => timed('apply', () => runner.apply(request)),
    destroy: (request) => timed('destroy', () => runner.destroy(request)),
  };
}

/**
 * Counts the failures of a client's calls (a rejected promise or a throw) by reason, then rethrows. The client is
 * otherwise untouched: same methods, same `this`.
 */
export function instrumentClient<T extends object>(
  metrics: Pick<Metrics, 'countFailure'>,
  service: ExternalService,
  client: T,
): T {
  const count = (error: unknown) => metrics.countFailure(service, failureReason(error));
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args);
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              count(error);
              throw error;
            });
          }
          return result;
        } catch (error) {
          count(error);
          throw error;
        }
      };
    },
  });
}
