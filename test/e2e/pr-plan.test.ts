import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendWebhook, waitFor } from './support/app-process.js';
import { bucket, devbox } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

describe('e2e › pull request → validate check → plan comment (real server, GitHub double, terraform double)', () => {
  let story: Story;
  beforeAll(async () => {
    story = await startStory();
  }, 60_000);
  afterAll(async () => story?.close());

  it('opened › a valid spec › validate check passes, the stack is planned and ONE plan comment is posted', async () => {
    const pr = story.openPr('devbox', { 'infra-specs/compute/devbox.yaml': devbox('bruce-devbox') }, 'Add a devbox');
    story.github.clearRequests();
    const sent = await story.sendPr(pr, 'opened');
    expect(sent.status).toBe(200);
    const plan = await story.waitForPlanCheck(pr);
    const validate = story.github
      .checkRuns(OWNER, REPO, story.headSha(pr))
      .find((run) => run.name === 'infra-bot / validate');
    expect(validate?.conclusion).toBe('success');
    expect(plan.conclusion).toBe('success');
    expect(plan.output.title).toMatch(/to add/);
    const comment = await waitFor('the plan comment', () => story.planComment(pr));
    expect(comment.body).toContain('ec2-bruce-devbox');
    expect(comment.body).toContain('aws_instance');
    expect(story.terraformCalls().map((call) => call.argv[0])).toEqual(
      expect.arrayContaining(['init', 'plan', 'show']),
    );
    // No role configured: the app's ambient AWS credentials reach terraform, its own secrets never do.
    for (const call of story.terraformCalls()) {
      expect(call.envNames).toContain('AWS_ACCESS_KEY_ID');
      expect(call.envNames).not.toContain('WEBHOOK_SECRET');
      expect(call.envNames).not.toContain('PRIVATE_KEY');
    }
    // The GitHub API calls this story costs (reported in the issue note): every request the app made.
    const calls = story.github.requests.map((request) => `${request.method} ${request.path.replace(/\/\d+/g, '/:n')}`);
    console.log(
      `GitHub API calls for "PR opened → checks + plan comment" (one stack): ${calls.length}\n${calls.join('\n')}`,
    );
    // 14: the compare call (current base tip and merge base) is what planning the merge costs; a PR up to date
    // with its base downloads no third tarball (base and head only).
    expect(calls.length).toBeLessThanOrEqual(14);
    expect(calls.filter((call) => call.startsWith('GET /_codeload/'))).toHaveLength(2);
  }, 60_000);

  it('the same delivery twice › one job, one comment', async () => {
    const pr = story.openPr('bucket', { 'infra-specs/data/logs.yaml': bucket('logs') }, 'Add a bucket');
    const event = story.prEvent(pr, 'opened');
    const first = await sendWebhook(story.app.url, 'pull_request', event, { id: 'delivery-dup-1' });
    const second = await sendWebhook(story.app.url, 'pull_request', event, { id: 'delivery-dup-1' });
    expect([first.status, second.status]).toEqual([200, 200]);
    await story.waitForPlanCheck(pr);
    await new Promise((r) => setTimeout(r, 1500));
    expect(story.github.comments(OWNER, REPO, pr).filter((c) => c.body.includes('infra-bot:plan'))).toHaveLength(1);
    expect(
      story.github.checkRuns(OWNER, REPO, story.headSha(pr)).filter((run) => run.name === 'infra-bot / plan'),
    ).toHaveLength(1);
  }, 60_000);

  it('a bad webhook signature › 4xx and nothing happens', async () => {
    const pr = story.openPr('unsigned', { 'infra-specs/compute/x.yaml': devbox('unsigned-box') }, 'Unsigned');
    const before = story.github.requests.length;
    const sent = await sendWebhook(story.app.url, 'pull_request', story.prEvent(pr, 'opened'), {
      secret: 'wrong-secret',
    });
    expect(sent.status).toBeGreaterThanOrEqual(400);
    expect(sent.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 1500));
    expect(story.github.requests.length).toBe(before);
  }, 30_000);

  it('a GitHub 502 and a secondary rate limit on the way › retried, the comment still arrives once', async () => {
    const pr = story.openPr('flaky', { 'infra-specs/data/flaky.yaml': bucket('flaky') }, 'Flaky GitHub');
    story.github.failNext({ method: 'POST', pathPattern: `/issues/${pr}/comments`, status: 502 });
    story.github.failNext({ method: 'POST', pathPattern: '/check-runs', status: 403, retryAfter: 1 });
    await story.sendPr(pr, 'opened');
    await story.waitForPlanCheck(pr);
    await waitFor('the plan comment', () => story.planComment(pr));
    expect(story.github.comments(OWNER, REPO, pr).filter((c) => c.body.includes('infra-bot:plan'))).toHaveLength(1);
  }, 60_000);

  it('invalid specs › a failing check with one annotation per problem, a comment saying what to fix, no plan', async () => {
    const plansBefore = story.terraformCalls().filter((call) => call.argv[0] === 'plan').length;
    const broken = devbox('broken-box', 'm5.24xlarge').replace('  ttl: 3m\n', '').replace('image:', 'imag:');
    const pr = story.openPr('broken', { 'infra-specs/compute/broken.yaml': broken }, 'Broken spec');
    await story.sendPr(pr, 'opened');
    const validate = await waitFor('the validate check', () =>
      story.github
        .checkRuns(OWNER, REPO, story.headSha(pr))
        .find((run) => run.name === 'infra-bot / validate' && run.status === 'completed'),
    );
    expect(validate.conclusion).toBe('failure');
    // Every problem at once: the schema errors and the policy checks on the fields that are valid.
    expect(validate.annotations.map((a) => `${a.path}:${a.start_line} ${a.message}`)).toEqual([
      'infra-specs/compute/broken.yaml:3 Ec2Instance specs must set metadata.ttl or metadata.expiresAt (policy in .github/infra.yml)',
      'infra-specs/compute/broken.yaml:6 spec.image is required',
      'infra-specs/compute/broken.yaml:7 unknown field "spec.imag"; did you mean "image"?',
      'infra-specs/compute/broken.yaml:8 instance type m5.24xlarge is not allowed; allowed types: t3.micro, t3.small (policy in .github/infra.yml)',
    ]);
    const comment = await waitFor('the problems comment', () => story.planComment(pr));
    expect(comment.body).toMatch(/problems? in the specs/);
    expect(comment.body).toContain('Nothing was planned');
    expect(story.terraformCalls().filter((call) => call.argv[0] === 'plan').length).toBe(plansBefore);
    expect(story.github.checkRuns(OWNER, REPO, story.headSha(pr)).some((run) => run.name === 'infra-bot / plan')).toBe(
      false,
    );
  }, 60_000);
});
