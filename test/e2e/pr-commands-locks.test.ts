import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from './support/app-process.js';
import { bucket, devbox } from './support/fixtures.js';
import { startStory } from './support/story.js';
import type { Story } from './support/story.js';

describe('e2e › PR commands, locks and faults', () => {
  let story: Story;
  beforeAll(async () => {
    story = await startStory({ env: { INFRA_BOT_JOB_LEASE_MS: '2000' } });
  }, 60_000);
  afterAll(async () => story?.close());

  it('a second PR touching a locked stack › gets "locked by #N" and how to proceed', async () => {
    const first = story.openPr('box-a', { 'infra-specs/compute/shared.yaml': devbox('shared-box') }, 'Shared box');
    await story.sendPr(first, 'opened');
    await story.waitForPlanCheck(first);
    const second = story.openPr(
      'box-b',
      { 'infra-specs/compute/shared.yaml': devbox('shared-box', 't3.small') },
      'Bigger shared box',
      'maria',
    );
    await story.sendPr(second, 'opened');
    const check = await story.waitForPlanCheck(second);
    expect(check.conclusion).toBe('action_required');
    const comment = await waitFor('the plan comment', () => story.planComment(second));
    expect(comment.body).toContain(`locked by #${first}`);
    expect(comment.body).toContain('/infra unlock');
  }, 60_000);

  it('/infra unlock on the holder › releases the lock, then /infra plan on the other PR plans it', async () => {
    const holder = story.openPr('hold', { 'infra-specs/data/held.yaml': bucket('held') }, 'Held bucket');
    await story.sendPr(holder, 'opened');
    await story.waitForPlanCheck(holder);
    const waiting = story.openPr(
      'wait',
      { 'infra-specs/data/held.yaml': bucket('held').replace('versioning: true', 'versioning: false') },
      'Wait',
      'maria',
    );
    await story.sendPr(waiting, 'opened');
    await waitFor('locked comment', () => story.planComment(waiting)?.body.includes(`locked by #${holder}`));
    const unlock = await story.comment(holder, '/infra unlock');
    expect(unlock.status).toBe(200);
    await waitFor('the unlock reply', () => story.repliesTo(holder).find((c) => c.body.includes('Released')));
    expect(story.github.reactions('acme', 'infra', unlock.id).map((r) => r.content)).toContain('eyes');
    await story.comment(waiting, '/infra plan', 'maria');
    await waitFor(
      'the re-plan',
      () =>
        story.planComment(waiting)?.body.includes('s3-held') && !story.planComment(waiting)?.body.includes('locked by'),
    );
  }, 60_000);

  it('commands › bad arguments get usage; readers are refused; edits, quotes, code blocks and bots are ignored', async () => {
    const pr = story.openPr('cmds', { 'infra-specs/data/cmds.yaml': bucket('cmds') }, 'Commands');
    const traversal = await story.comment(pr, '/infra plan ../../etc');
    await waitFor('the usage reply', () =>
      story.repliesTo(pr).find((c) => c.body.includes('../../etc') && c.body.includes('/infra plan')),
    );
    await story.comment(pr, '/infra plan $(id)');
    await story.comment(pr, '/infra plan --force');
    await waitFor('three usage replies', () => story.repliesTo(pr).length >= 3 || undefined);
    expect(story.github.reactions('acme', 'infra', traversal.id).map((r) => r.content)).toContain('eyes');

    await story.comment(pr, '/infra unlock', 'reader');
    await waitFor('the refusal', () => story.repliesTo(pr).find((c) => c.body.includes('needs write access')));

    const before = story.github.comments('acme', 'infra', pr).length;
    await story.comment(pr, '> /infra plan');
    await story.comment(pr, '```\n/infra plan\n```');
    await story.comment(pr, 'please run\n/infra plan');
    await story.comment(pr, '/infra plan', 'infra-bot[bot]', 'Bot');
    await story.comment(pr, '/infra plan', 'bruce', 'User', 'edited');
    await new Promise((r) => setTimeout(r, 2000));
    expect(story.github.comments('acme', 'infra', pr).length).toBe(before + 5);
    expect(story.repliesTo(pr)).toHaveLength(4);
  }, 60_000);

  it('terraform fails › the error is in the comment, the check fails, the lock stays with its owner, the app stays up', async () => {
    story.sandbox.setFaults({ TF_DOUBLE_FAIL: 'plan' });
    try {
      const pr = story.openPr('failing', { 'infra-specs/data/failing.yaml': bucket('failing') }, 'Failing plan');
      await story.sendPr(pr, 'opened');
      const check = await story.waitForPlanCheck(pr);
      expect(check.conclusion).toBe('failure');
      const comment = story.planComment(pr);
      expect(comment?.body).toContain('Error:');
      await story.comment(pr, '/infra status');
      const status = await waitFor('the status reply', () =>
        story.repliesTo(pr).find((c) => c.body.includes('infra-bot status')),
      );
      expect(status.body).toContain('🔒 `s3-failing`');
      expect(status.body).toMatch(/`s3-failing`: failed/);
      expect((await fetch(`${story.app.url}/healthz`)).status).toBe(200);
    } finally {
      story.sandbox.setFaults({});
    }
  }, 60_000);

  it('two pushes in a second › only the newest head SHA is planned and commented', async () => {
    const pr = story.openPr('pushes', { 'infra-specs/compute/pushy.yaml': devbox('pushy') }, 'Pushes');
    story.sandbox.setFaults({ TF_DOUBLE_DELAY_MS: '1500' });
    await story.sendPr(pr, 'opened');
    story.github.commit(
      'acme',
      'infra',
      'pushes',
      { 'infra-specs/compute/pushy.yaml': devbox('pushy', 't3.small') },
      'second push',
    );
    await story.sendPr(pr, 'synchronize');
    story.sandbox.setFaults({});
    const newest = story.headSha(pr);
    await story.waitForPlanCheck(pr);
    const comment = await waitFor('the comment for the newest head', () =>
      story.planComment(pr)?.body.includes(newest.slice(0, 7)) ? story.planComment(pr) : undefined,
    );
    expect(comment.body).toContain('t3.small');
    expect(story.github.comments('acme', 'infra', pr).filter((c) => c.body.includes('infra-bot:plan'))).toHaveLength(1);
  }, 60_000);

  it('the app is killed mid-plan › after a restart the job is picked up again and the plan comment arrives', async () => {
    story.sandbox.setFaults({ TF_DOUBLE_DELAY_MS: '4000' });
    const pr = story.openPr('crash', { 'infra-specs/data/crash.yaml': bucket('crash') }, 'Crash mid-plan');
    await story.sendPr(pr, 'opened');
    await waitFor(
      'terraform to start',
      () =>
        story.terraformCalls().some((call) => call.argv[0] === 'init' && call.cwd.includes(`pr-${pr}`)) || undefined,
    );
    await story.app.stop('SIGKILL');
    story.sandbox.setFaults({});
    await story.restart({ INFRA_BOT_JOB_LEASE_MS: '2000' });
    const check = await waitFor('the plan after restart', () => story.planCheck(pr), 45_000);
    expect(check.conclusion).toBe('success');
    expect(story.planComment(pr)?.body).toContain('s3-crash');
  }, 90_000);
});
