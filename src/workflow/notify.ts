import type { Deps } from './services.js';

/** Slack when configured; the log for what could not be delivered. */
export type NotifyDeps = Deps<'slack' | 'log'>;

export type NoticeTarget = 'channel' | 'owner';

/** Where a notice went: the destinations that got it, and those that were tried and failed (with the error). */
export interface NoticeDelivery {
  delivered: NoticeTarget[];
  failed: Array<{ to: NoticeTarget; error: unknown }>;
  /** Why nothing was tried: Slack not configured, or no channel and no owner email (or no Slack user for it). */
  skipped?: 'no-slack' | 'no-destination';
}

/**
 * A notice in the approvals channel and, given an owner email, a direct message. Each destination is tried on its
 * own (a channel failure does not cost the owner the message). Notices never throw: the caller reads the delivery
 * and decides (a reminder is only marked sent once delivered; an expiry notice is best effort).
 */
export async function notifySlack(
  services: NotifyDeps,
  input: { channel?: string; text: string; ownerEmail?: string },
): Promise<NoticeDelivery> {
  const delivery: NoticeDelivery = { delivered: [], failed: [] };
  const slack = services.slack;
  if (!slack) return { ...delivery, skipped: 'no-slack' };
  const send = async (to: NoticeTarget, post: () => Promise<boolean>) => {
    try {
      if (await post()) delivery.delivered.push(to);
    } catch (error) {
      delivery.failed.push({ to, error });
      services.log.warn({ err: error, to }, 'Slack notice not delivered');
    }
  };
  if (input.channel) {
    const channel = input.channel;
    await send('channel', async () => Boolean(await slack.client.postMessage({ channel, text: input.text })));
  }
  if (input.ownerEmail) {
    const email = input.ownerEmail;
    await send('owner', async () => {
      const user = await slack.client.lookupByEmail(email);
      if (!user) return false;
      await slack.client.postMessage({ channel: user.id, text: input.text });
      return true;
    });
  }
  if (delivery.delivered.length === 0 && delivery.failed.length === 0)
    return { ...delivery, skipped: 'no-destination' };
  return delivery;
}

export const emailOf = (owner: string | undefined): string | undefined =>
  owner && owner.includes('@') && !owner.startsWith('@') ? owner : undefined;
