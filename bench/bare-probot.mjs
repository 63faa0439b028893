// The reference for bench/edge-vs-probot.ts: a bare Probot 14 app whose handler does nothing. Reads APP_ID,
// PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL like any Probot app.
import { run } from 'probot';

await run((app) => {
  app.on('pull_request', async () => undefined);
});
