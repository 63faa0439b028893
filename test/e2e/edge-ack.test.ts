import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendWebhook, waitFor } from './support/app-process.js';
import { bucket } from './support/fixtures.js';
import { startStory } from './support/story.js';
import type { Story } from './support/story.js';

/** One sample of the web process's /metrics (worker threads' figures merged in); 0 when the series is absent. */
async function sample(url: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const RUNNING_EVALUATIONS = 'infra_bot_jobs{state="running",kind="pr.evaluate"}';

describe('e2e › the HTTP edge answers while a worker thread runs a long evaluation', () => {
  let story: Story;
  beforeAll(async () => {
    story = await startStory({ env: { INFRA_BOT_WORKERS: '1' } });
  }, 60_000);
  afterAll(async () => story?.close(), 60_000);

  it('deliveries are acknowledged (recorded and queued) while the synth/plan job is still running', async () => {
    // Several stacks (tarball, YAML, zod, synth on the thread) and a slow terraform: the job runs for seconds.
    story.sandbox.setFaults({ TF_DOUBLE_DELAY_MS: '800' });
    const files = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`infra-specs/data/bulk-${i}.yaml`, bucket(`bulk-${i}`)]),
    );
    const big = story.openPr('bulk', files, 'Bulk buckets');
    expect((await story.sendPr(big, 'opened')).status).toBe(200);
    await waitFor('the evaluation to be running', async () => (await sample(story.app.url, RUNNING_EVALUATIONS)) >= 1);

    const small = story.openPr('one', { 'infra-specs/data/one.yaml': bucket('one') }, 'One bucket');
    const acks = [];
    for (let i = 0; i < 10; i++)
      acks.push(await sendWebhook(story.app.url, 'pull_request', story.prEvent(small, 'synchronize')));
    expect(acks.map((ack) => ack.status)).toEqual(Array(10).fill(200));
    // Acknowledged while the long job is still running: the answer did not wait for it.
    expect(await sample(story.app.url, RUNNING_EVALUATIONS)).toBeGreaterThanOrEqual(1);
    expect(story.planCheck(big)).toBeUndefined();

    // The burst was absorbed by the queue, and the long job still finishes.
    const plan = await waitFor('the plan check of the bulk PR', () => story.planCheck(big), 120_000);
    expect(plan.conclusion).toBe('success');
    await waitFor('the small PR planned', () => story.planCheck(small), 60_000);
    await waitFor('the queue drained', async () => (await sample(story.app.url, 'infra_bot_job_queue_depth')) === 0);

    // /metrics: ack latency observed on the edge, job durations reported by the worker thread, one thread alive.
    expect(await sample(story.app.url, 'infra_bot_ack_seconds_count{route="webhook"}')).toBeGreaterThanOrEqual(11);
    expect(await sample(story.app.url, 'infra_bot_worker_threads')).toBe(1);
    const evaluated = 'infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="ok"}';
    await waitFor('both evaluations recorded as ok', async () => (await sample(story.app.url, evaluated)) >= 2);
  }, 240_000);
});

describe('e2e › INFRA_BOT_WORKERS=0 › jobs run on the web process, as before threads', () => {
  let story: Story;
  beforeAll(async () => {
    story = await startStory({ env: { INFRA_BOT_WORKERS: '0' } });
  }, 60_000);
  afterAll(async () => story?.close(), 60_000);

  it('a PR is still validated and planned, with no worker thread', async () => {
    const pr = story.openPr('inproc', { 'infra-specs/data/inproc.yaml': bucket('inproc') }, 'In-process');
    expect((await story.sendPr(pr, 'opened')).status).toBe(200);
    const plan = await story.waitForPlanCheck(pr);
    expect(plan.conclusion).toBe('success');
    expect(await sample(story.app.url, 'infra_bot_worker_threads')).toBe(0);
    // The job records its duration when it ends, after the check it completed (approval and audit come between).
    const evaluated = 'infra_bot_job_duration_seconds_count{kind="pr.evaluate",outcome="ok"}';
    await waitFor('the evaluation recorded as ok', async () => (await sample(story.app.url, evaluated)) >= 1);
  }, 60_000);
});
