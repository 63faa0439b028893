import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendWebhook, waitFor } from './support/app-process.js';
import { bucket } from './support/fixtures.js';
import { startStory } from './support/story.js';
import type { Story } from './support/story.js';

describe('e2e › reconcile sweep: what a lost webhook would have missed is caught up', () => {
  let story: Story;
  beforeAll(async () => {
    story = await startStory({ env: { INFRA_BOT_RECONCILE_MS: '700' } });
  }, 60_000);
  afterAll(async () => story?.close());

  it('an open PR whose webhook never arrived › is planned anyway', async () => {
    const pr = story.openPr('missed', { 'infra-specs/data/missed.yaml': bucket('missed') }, 'Webhook lost');
    const check = await waitFor('the plan of the missed PR', () => story.planCheck(pr), 45_000);
    expect(check.conclusion).toBe('success');
    expect(story.planComment(pr)?.body).toContain('s3-missed');
  }, 60_000);

  it('failed deliveries › redelivered once, unless the app already has them', async () => {
    const pr = story.openPr('seen', { 'infra-specs/data/seen.yaml': bucket('seen') }, 'Seen');
    await sendWebhook(story.app.url, 'pull_request', story.prEvent(pr, 'opened'), { id: 'guid-seen-1' });
    const recent = new Date().toISOString();
    story.github.state.hookDeliveries.push(
      {
        id: 1,
        guid: 'guid-lost-1',
        status: 'Invalid HTTP Response: 503',
        status_code: 503,
        event: 'pull_request',
        action: 'opened',
        delivered_at: recent,
        redelivery: false,
      },
      {
        id: 2,
        guid: 'guid-seen-1',
        status: 'Invalid HTTP Response: 502',
        status_code: 502,
        event: 'pull_request',
        action: 'opened',
        delivered_at: recent,
        redelivery: false,
      },
      {
        id: 3,
        guid: 'guid-ok-1',
        status: 'OK',
        status_code: 200,
        event: 'pull_request',
        action: 'opened',
        delivered_at: recent,
        redelivery: false,
      },
    );
    await waitFor('the redelivery', () => (story.github.state.redeliveries.includes(1) ? true : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(story.github.state.redeliveries).toEqual([1]);
  }, 60_000);
});
