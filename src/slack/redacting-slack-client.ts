// Every message infra-bot sends to Slack passes through here, so a known secret (the app's own tokens and keys) can
// never reach a channel, whichever renderer built the text or blocks: the same guarantee comments and checks have.
import { secretScrubber, type SecretScrubber } from '../plan/render-redact.js';
import type { MessageInput, SlackClient } from './slack-client.js';

/** Each string inside a JSON-like value with `scrub` applied; other values as they are. */
function scrubDeep<T>(value: T, scrubber: SecretScrubber): T {
  if (typeof value === 'string') return scrubber.scrub(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubDeep(item, scrubber)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = scrubDeep(inner, scrubber);
    return out as T;
  }
  return value;
}

/** A SlackClient whose outgoing messages (text and every string in their blocks) are scrubbed of `secrets`. */
export function redactingSlackClient(client: SlackClient, secrets: readonly string[]): SlackClient {
  const scrubber = secretScrubber(secrets);
  const clean = <M extends MessageInput>(message: M): M => ({
    ...message,
    text: scrubber.scrub(message.text),
    ...(message.blocks && { blocks: scrubDeep(message.blocks, scrubber) }),
  });
  return {
    postMessage: (input) => client.postMessage(clean(input)),
    update: (input) => client.update(clean(input)),
    postEphemeral: (input) => client.postEphemeral(clean(input)),
    userInfo: (userId) => client.userInfo(userId),
    lookupByEmail: (email) => client.lookupByEmail(email),
    authTest: () => client.authTest(),
  };
}
