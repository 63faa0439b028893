import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSlackDouble } from '../doubles/slack/server.js';
import type { SlackDouble } from '../doubles/slack/server.js';
import { repoRoot, waitFor } from './support/app-process.js';
import { CONFIG, bucket } from './support/fixtures.js';
import { OWNER, REPO, startStory } from './support/story.js';
import type { Story } from './support/story.js';

const CHANNEL = 'C0APPROVALS';
const config = `${CONFIG}approvals: { slackChannel: ${CHANNEL} }\ndrift: { schedule: hourly }\n`;
const SPEC = 'infra-specs/data/ledger.yaml';

describe('e2e › drift detection opens, updates and closes one issue per stack', () => {
  let story: Story;
  let slack: SlackDouble;
  beforeAll(async () => {
    slack = await startSlackDouble({ token: 'xoxb-e2e-token', teamId: 'T0ACME', channels: [CHANNEL] });
    story = await startStory({
      files: { '.github/infra.yml': config, [SPEC]: bucket('ledger') },
      env: { SLACK_BOT_TOKEN: 'xoxb-e2e-token', SLACK_API_URL: slack.apiUrl, INFRA_BOT_DRIFT_TICK_MS: '500' },
    });
  }, 60_000);
  afterAll(async () => {
    await story?.close();
    await slack?.close();
  });

  const driftIssues = () => issuesTitled('Drift in s3-ledger');
  const issuesTitled = (title: string) =>
    [...story.github.state.issues.get(`${OWNER}/${REPO}`)!.values()].filter(
      (issue) => issue.title === title && !issue.pull,
    );

  /** Applies the stack the way infra-bot would, so the default branch and the state agree again. */
  function applyStackByHand() {
    const workspace = join(story.sandbox.dir, 'by-hand');
    mkdirSync(join(workspace, '.github'), { recursive: true });
    mkdirSync(join(workspace, 'infra-specs', 'data'), { recursive: true });
    writeFileSync(join(workspace, '.github', 'infra.yml'), config);
    writeFileSync(join(workspace, SPEC), story.github.readFile(OWNER, REPO, 'main', SPEC) ?? '');
    const stateDir = join(story.sandbox.dataDir, 'state');
    execFileSync(
      process.execPath,
      [
        join(repoRoot, 'bin', 'infra-bot.js'),
        'synth',
        '--repo',
        `${OWNER}/${REPO}`,
        '--state-dir',
        stateDir,
        '--out',
        'out',
      ],
      {
        cwd: workspace,
      },
    );
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAE2EHAND000000001', AWS_SECRET_ACCESS_KEY: 'by-hand-secret' };
    const cwd = join(workspace, 'out', 'stacks', 's3-ledger');
    const terraform = join(story.sandbox.bin, 'terraform');
    execFileSync(terraform, ['init', '-input=false', '-no-color'], { cwd, env });
    execFileSync(terraform, ['plan', '-input=false', '-no-color', '-out=by-hand.tfplan'], { cwd, env });
    execFileSync(terraform, ['apply', '-input=false', '-no-color', 'by-hand.tfplan'], { cwd, env });
  }

  it('drift → issue with the plan and a Slack notice; a later change → the same issue updated; clean → it closes itself', async () => {
    // The default branch declares a bucket its state does not have: drift.
    const [issue] = await waitFor('the drift issue', () => (driftIssues().length ? driftIssues() : undefined), 45_000);
    expect(issue!.labels).toContain('infra-bot:drift');
    expect(issue!.body).toContain('aws_s3_bucket');
    await waitFor('the Slack notice', () =>
      slack.messages(CHANNEL).find((m) => m.text.includes('Drift in acme/infra s3-ledger')),
    );

    // The spec changes on the default branch; `/infra plan` on the issue re-checks: same issue, new content.
    story.github.commit(
      OWNER,
      REPO,
      'main',
      { [SPEC]: bucket('ledger').replace('versioning: true', 'versioning: false') },
      'turn versioning off',
    );
    await story.comment(issue!.number, '/infra plan');
    await waitFor(
      'the updated issue',
      () => (issuesTitled('Drift in s3-ledger')[0]?.body.includes('Suspended') ? true : undefined),
      30_000,
    );
    expect(issuesTitled('Drift in s3-ledger')).toHaveLength(1);

    // Someone applies it; the next check finds the stack clean and closes the issue.
    applyStackByHand();
    await story.comment(issue!.number, '/infra plan');
    await waitFor(
      'the issue closed',
      () => (issuesTitled('Drift in s3-ledger')[0]?.state === 'closed' ? true : undefined),
      30_000,
    );
    expect(
      story.github.comments(OWNER, REPO, issue!.number).some((c) => c.body.includes('matches the specs again')),
    ).toBe(true);
    expect(issuesTitled('Drift in s3-ledger')).toHaveLength(1);
    expect(slack.messages(CHANNEL).filter((m) => m.text.includes('Drift in'))).toHaveLength(1);
  }, 120_000);
});
