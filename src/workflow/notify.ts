import type { Services } from './services.js';

/**
 * A notice in the approvals channel (and, given an owner email, a direct message). Notices never fail the job
 * that sends them: the outcome is already recorded on GitHub and in the audit log.
 */
export async function notifySlack(
  services: Services,
  input: { channel?: string; text: string; ownerEmail?: string },
): Promise<void> {
  const slack = services.slack;
  if (!slack) return;
  try {
    if (input.channel) await slack.client.postMessage({ channel: input.channel, text: input.text });
    if (input.ownerEmail) {
      const user = await slack.client.lookupByEmail(input.ownerEmail);
      if (user) await slack.client.postMessage({ channel: user.id, text: input.text });
    }
  } catch (error) {
    services.log.warn({ err: error }, 'Slack notice not delivered');
  }
}

export const emailOf = (owner: string | undefined): string | undefined =>
  owner && owner.includes('@') && !owner.startsWith('@') ? owner : undefined;
