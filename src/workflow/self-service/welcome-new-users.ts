import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { PlanSummary } from '../../plan/summarize-plan.js';
import type { IntentSpec } from '../../specs/model.js';
import type { PlanRecord } from '../../store/store.js';
import type { Deps } from '../services.js';

export type WelcomeDeps = Deps<'slack' | 'log'>;
import { onboardingNotices } from './onboarding-notices.js';
import { kindRegistry } from '../../kinds/index.js';

/**
 * After a successful apply of an Okta stack (the identity stack, or a user's own): a Slack welcome to each person the apply created (a direct
 * message found by email, else in the approvals channel), and a notice in the channel for each one it suspended or
 * deprovisioned. Notices never fail the apply: it already happened and is recorded.
 */
export async function welcomeNewUsers(
  services: WelcomeDeps,
  input: { repo: string; pr: number; config: RepoConfig; plan: PlanRecord; specs: readonly IntentSpec[] },
): Promise<void> {
  const slack = services.slack;
  if (!slack || !kindRegistry.isOktaStack(input.plan.stack)) return;
  const stored = JSON.parse(input.plan.summaryJson) as { summary?: PlanSummary; destroy?: boolean };
  if (stored.destroy || !stored.summary) return;
  const channel = input.config.approvals.slackChannel;
  const notices = onboardingNotices({
    changes: stored.summary.changes,
    stack: input.plan.stack,
    specs: input.specs,
    ...(input.config.sso && { sso: input.config.sso }),
    source: `${input.repo}#${input.pr}`,
  });
  for (const welcome of notices.welcomes) {
    try {
      const person = await slack.client.lookupByEmail(welcome.email);
      if (person && !person.deleted) await slack.client.postMessage({ channel: person.id, text: welcome.text });
      else if (channel) await slack.client.postMessage({ channel, text: welcome.channelText });
    } catch (error) {
      services.log.warn({ err: error, repo: input.repo, pr: input.pr }, 'Slack welcome not delivered');
    }
  }
  for (const text of notices.offboardings) {
    if (!channel) break;
    try {
      await slack.client.postMessage({ channel, text });
    } catch (error) {
      services.log.warn({ err: error, repo: input.repo, pr: input.pr }, 'Slack offboarding notice not delivered');
    }
  }
}
