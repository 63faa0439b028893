import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, waitFor } from '../support/app-process.js';
import { bucket } from '../support/fixtures.js';
import { startStory } from '../support/story.js';
import type { Story } from '../support/story.js';
import { CANARIES, leakedCanaries } from '../../unit/logging/canaries.js';

// Canary secrets in every input the process has — its environment, terraform's output, webhook payloads, slash
// commands, HTTP headers and query strings, failing Slack and Okta endpoints — and the most verbose log level. None
// may appear in what the process writes (stdout + stderr) or in /metrics.
const SIGNING_SECRET = 'CanarySlackSigningSecret0123456789';

describe('e2e › canary secrets in every input (real server at LOG_LEVEL=trace)', () => {
  let story: Story;
  let metricsText = '';
  beforeAll(async () => {
    const closed = await freePort(); // nothing listens there: Slack and Okta calls fail, and failures get logged
    story = await startStory({
      env: {
        LOG_LEVEL: 'trace',
        SLACK_BOT_TOKEN: CANARIES.slackBot,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
        OKTA_ORG_URL: `http://127.0.0.1:${closed}`,
        OKTA_API_TOKEN: CANARIES.oktaToken,
        AWS_SECRET_ACCESS_KEY: CANARIES.awsSecretKey,
        AWS_SESSION_TOKEN: CANARIES.awsSessionToken,
      },
    });
    // terraform prints the credentials it was given, like a provider's debug log would.
    story.sandbox.setFaults({ TF_DOUBLE_ECHO_ENV: 'AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN,OKTA_API_TOKEN' });
  }, 60_000);
  afterAll(async () => story?.close());

  it('a PR, a command, probes with credentials in headers › no canary in any log line or in /metrics', async () => {
    const pr = story.openPr(
      'canary',
      { 'infra-specs/data/canary.yaml': bucket('canary') },
      `Add a bucket (token ${CANARIES.githubPersonal})`,
    );
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    await story.comment(pr, `/infra plan ${CANARIES.slackUser} ${CANARIES.jwt}`);
    const headers = {
      authorization: `Bearer ${CANARIES.bearer}`,
      cookie: `session=${CANARIES.githubFineGrained}`,
      'x-api-key': CANARIES.githubInstallation,
    };
    for (const path of ['/healthz', '/readyz', `/metrics?access_token=${CANARIES.githubPersonal}`, '/nowhere']) {
      await (await fetch(`${story.app.url}${path}`, { headers })).text();
    }
    await waitFor('the command handled', () => story.repliesTo(pr).length > 0 || undefined, 30_000).catch(() => true);
    const response = await fetch(`${story.app.url}/metrics`);
    metricsText = response.ok ? await response.text() : '';

    const output = story.app.output();
    if (process.env.DEBUG_CANARIES) console.log(output);
    expect(output.length).toBeGreaterThan(0);
    expect(leakedCanaries(output)).toEqual([]);
    expect(output).not.toContain(SIGNING_SECRET);
    expect(output).not.toMatch(/ghs_[A-Za-z0-9]{16,}/); // the installation tokens the double issued
    expect(leakedCanaries(metricsText)).toEqual([]);
  }, 90_000);
});
