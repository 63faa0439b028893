import { defaultRepoConfig } from '../../config/repo-config-schema.js';
import { listOpenPulls } from '../../github/pulls.js';
import type { Job } from '../../store/store.js';
import { JOB_KINDS, fullName } from '../job-kinds.js';
import { readRepoConfig } from '../read-config.js';
import { renderUnappliedSection } from '../render-status.js';
import { pullStage } from '../self-service/pull-stage.js';
import { renderIssueStatus, type PullStatus, type RunningJob } from '../self-service/render-issue-status.js';
import type { CommandHandler } from './command-context.js';

const JOB_LIMIT = 500;
const FAILED_WITHIN_MS = 7 * 86_400_000;

interface JobTarget {
  owner?: string;
  /** The repository name, or `owner/repo` in deadline jobs. */
  repo?: string;
  specKey?: string;
  pr?: number;
  number?: number;
}

/**
 * `/infra status` on an issue: the open pull requests infra-bot knows (plans, locks, jobs, or its own branches) and
 * where each stands, the jobs running or queued for this repository, held locks and the next expiries.
 */
export const issueStatusCommand: CommandHandler<{ name: 'status' }> = async (context) => {
  const { services, octokit, target } = context;
  const repo = fullName(target);
  const [pulls, locks, deadlines, running, queued, failed, loaded, unapplied] = await Promise.all([
    listOpenPulls(octokit, target),
    services.store.listLocks({ repo }),
    services.store.listDeadlines({ repo, status: 'scheduled' }),
    services.store.listJobs({ status: 'running', limit: JOB_LIMIT }),
    services.store.listJobs({ status: 'queued', limit: JOB_LIMIT }),
    services.store.listJobs({ status: 'failed', limit: JOB_LIMIT }),
    readRepoConfig(octokit, target),
    services.store.listUnappliedMerges({ repo }),
  ]);
  const required = (loaded.ok ? loaded.config : defaultRepoConfig()).approvals.required;
  const here = (job: Job) => {
    const p = job.payload as JobTarget;
    return (p.owner === target.owner && p.repo === target.repo) || p.repo === repo;
  };
  // This command's own job is running too: it is not news.
  const jobs = [...running, ...queued].filter((job) => {
    const p = job.payload as JobTarget & { commentId?: number };
    return here(job) && !(job.kind === JOB_KINDS.runCommand && p.commentId === context.payload.commentId);
  });
  const since = services.clock.now().getTime() - FAILED_WITHIN_MS;
  const failedJobs = failed
    .filter((job) => here(job) && (job.finishedAt ?? job.updatedAt).getTime() >= since)
    .map((job) => ({
      id: job.id,
      kind: job.kind,
      target: describeJob(job).target,
      attempts: job.attempts,
      at: job.finishedAt ?? job.updatedAt,
    }));
  const jobOf = (pr: number, kind: string) =>
    jobs.some((job) => job.kind === kind && (job.payload as JobTarget).pr === pr);
  const statuses: PullStatus[] = [];
  for (const pull of pulls) {
    const plans = await services.store.latestPlans({ repo, pr: pull.number });
    const held = locks.filter((lock) => lock.pr === pull.number);
    const ours = pull.head.ref.startsWith('infra-bot/');
    const applyJob = jobOf(pull.number, JOB_KINDS.applyPullRequest);
    const planJob = jobOf(pull.number, JOB_KINDS.evaluatePullRequest);
    if (!plans.length && !held.length && !ours && !applyJob && !planJob) continue;
    const decisions = await services.store.listDecisions({ repo, pr: pull.number, headSha: pull.head.sha });
    statuses.push({
      number: pull.number,
      title: pull.title,
      url: pull.htmlUrl,
      stacks: [...new Set([...plans.map((p) => p.stack), ...held.map((l) => l.stack)])].sort(),
      ...pullStage({ headSha: pull.head.sha, plans, decisions, required, applyJob, planJob }),
    });
  }
  const text = renderIssueStatus({
    repo,
    pulls: statuses,
    jobs: jobs.map(describeJob),
    failedJobs,
    locks,
    deadlines,
    now: services.clock.now(),
  });
  await context.reply(
    unapplied.length
      ? `${text}

${renderUnappliedSection(unapplied)}`
      : text,
  );
  return `status: ${statuses.length} infra PR(s)`;
};

function describeJob(job: Job): RunningJob {
  const p = job.payload as JobTarget;
  const number = p.pr ?? p.number;
  return {
    kind: job.kind,
    target: number !== undefined ? `#${number}` : p.specKey ? `\`${p.specKey}\`` : 'the repository',
    status: job.status === 'running' ? 'running' : 'queued',
    since: job.startedAt ?? job.createdAt,
  };
}
