import type { Job } from '../store/store.js';
import { fullName } from './job-kinds.js';
import type { ClosePullRequestPayload } from './job-kinds.js';
import type { Services } from './services.js';

/** A PR closed without merging: its plans are discarded and its locks released so other PRs can plan. */
export async function closePullRequest(services: Services, job: Job<ClosePullRequestPayload>): Promise<string> {
  const { payload } = job;
  const repo = fullName(payload);
  const released = await services.store.releaseLocks({ repo, pr: payload.pr });
  const discarded = await services.store.discardPlans({ repo, pr: payload.pr });
  await services.store.audit({
    at: services.clock.now(),
    actor: 'infra-bot',
    action: 'close',
    repo,
    pr: payload.pr,
    sha: payload.headSha,
    outcome: `released ${released.length} lock(s), discarded ${discarded} plan(s)`,
  });
  return `released ${released.length} lock(s)`;
}
