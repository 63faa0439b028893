import { reply } from '../github/comments.js';
import type { Job } from '../store/store.js';
import { JOB_KINDS } from './job-kinds.js';
import type { ApplyPullRequestPayload, EvaluatePullRequestPayload, RunCommandPayload } from './job-kinds.js';
import type { Services } from './services.js';

/**
 * A job that failed for good, or was interrupted by a crash and must not rerun by itself, is told on the PR or
 * issue it came from: nothing is lost silently. The text names what to do next; error details stay in the logs
 * (they may hold values we cannot vet).
 */
export async function reportJobProblem(services: Services, job: Job, problem: 'failed' | 'interrupted'): Promise<void> {
  const where = targetOf(job);
  services.log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, error: job.lastError }, `job ${problem}`);
  if (!where) return;
  const applying = job.kind === JOB_KINDS.applyPullRequest;
  const what = applying
    ? 'apply this pull request'
    : job.kind === JOB_KINDS.evaluatePullRequest
      ? 'plan this pull request'
      : 'run your command';
  const body = applying
    ? `⚠️ infra-bot ${problem === 'interrupted' ? 'was stopped while it was applying' : 'failed while applying'} this pull request (job ${job.id}). Some stacks may be partly applied; nothing is retried automatically and the locks stay with this pull request. Check the stacks (\`/infra status\`), then comment \`/infra plan\` to see what is left.`
    : problem === 'interrupted'
      ? `⚠️ infra-bot was stopped while it was about to ${what} (job ${job.id}). Nothing was applied. Comment \`/infra plan\` to try again.`
      : `⚠️ infra-bot could not ${what} after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'} (job ${job.id}). Locks stay with this pull request. Comment \`/infra plan\` to try again, or \`/infra status\` to see where things stand.`;
  try {
    const octokit = await services.github(where.installationId);
    await reply(octokit, { owner: where.owner, repo: where.repo, issue_number: where.number, body });
    await services.store.audit({
      at: services.clock.now(),
      actor: 'infra-bot',
      action: `job-${problem}`,
      repo: `${where.owner}/${where.repo}`,
      pr: where.number,
      outcome: job.kind,
      detail: { jobId: job.id },
    });
  } catch (error) {
    services.log.error({ jobId: job.id, err: error }, 'could not report a job problem on GitHub');
  }
}

function targetOf(job: Job): { installationId: number; owner: string; repo: string; number: number } | undefined {
  if (job.kind === JOB_KINDS.evaluatePullRequest) {
    const payload = job.payload as EvaluatePullRequestPayload;
    return { ...payload, number: payload.pr };
  }
  if (job.kind === JOB_KINDS.runCommand) return job.payload as RunCommandPayload;
  if (job.kind === JOB_KINDS.applyPullRequest) {
    const payload = job.payload as ApplyPullRequestPayload;
    return { ...payload, number: payload.pr };
  }
  return undefined;
}
