// `/infra status` on an issue (pure): the repository's infra pull requests and where each stands, running jobs, held
// locks and the next expiries.
import { escapeMarkdown, formatNumber, inlineCode } from '../../plan/render-escape.js';
import type { Deadline, StackLock } from '../../store/store.js';

export type Stage =
  | 'applying'
  | 'planning'
  | 'approved'
  | 'rejected'
  | 'awaiting approval'
  | 'no changes'
  | 'plan failed'
  | 'plan outdated'
  | 'not planned';

export interface PullStatus {
  number: number;
  title: string;
  url: string;
  stage: Stage;
  /** e.g. `1 of 2 approvals`, `ec2-devbox failed`. */
  detail?: string;
  stacks: string[];
}

export interface RunningJob {
  kind: string;
  target: string;
  status: 'running' | 'queued';
  since: Date;
}

/** A job that failed for good: listed so nobody has to read logs to learn that something was dropped. */
export interface FailedJob {
  id: string;
  kind: string;
  target: string;
  attempts: number;
  at: Date;
}

export interface IssueStatusInput {
  repo: string;
  pulls: PullStatus[];
  jobs: RunningJob[];
  /** Recent jobs that failed for good (the section is left out when there are none). */
  failedJobs?: FailedJob[];
  locks: StackLock[];
  deadlines: Deadline[];
  now: Date;
  /** Expiries listed before "… N more". */
  maxExpiries?: number;
}

const ICON: Record<Stage, string> = {
  applying: '🚀',
  planning: '⏳',
  approved: '✅',
  rejected: '⛔',
  'awaiting approval': '🕓',
  'no changes': '➖',
  'plan failed': '❌',
  'plan outdated': '🔁',
  'not planned': '💤',
};

const time = (date: Date) => date.toISOString().replace('.000Z', 'Z');

export function renderIssueStatus(input: IssueStatusInput): string {
  const max = input.maxExpiries ?? 10;
  const lines = [
    `### infra-bot status for ${inlineCode(input.repo)}`,
    '',
    `**Open infra pull requests (${input.pulls.length})**`,
  ];
  lines.push(
    ...(input.pulls.length
      ? input.pulls.map(
          (p) =>
            `- ${ICON[p.stage]} [#${p.number}](${p.url}) ${escapeMarkdown(p.title)}: **${p.stage}**` +
            `${p.detail ? ` (${escapeMarkdown(p.detail)})` : ''}${p.stacks.length ? ` · ${p.stacks.map((s) => inlineCode(s)).join(', ')}` : ''}`,
        )
      : ['- none']),
  );
  lines.push('', `**Jobs running or queued (${input.jobs.length})**`);
  lines.push(
    ...(input.jobs.length
      ? input.jobs.map(
          (j) =>
            `- ${j.status === 'running' ? '▶️' : '⏸️'} ${inlineCode(j.kind)} for ${j.target}, ${j.status} since ${time(j.since)}`,
        )
      : ['- none']),
  );
  if (input.failedJobs?.length) {
    lines.push('', `**Jobs that failed in the last 7 days (${input.failedJobs.length})**`);
    lines.push(
      ...input.failedJobs.map(
        (j) =>
          `- ❌ ${inlineCode(j.kind)} for ${j.target} (job ${j.id}, ${j.attempts} attempt${j.attempts === 1 ? '' : 's'}) at ${time(j.at)}`,
      ),
    );
  }
  lines.push('', `**Held locks (${input.locks.length})**`);
  lines.push(
    ...(input.locks.length
      ? input.locks.map(
          (l) => `- 🔒 ${inlineCode(l.stack)} by #${l.pr} at ${l.headSha.slice(0, 7)} since ${time(l.acquiredAt)}`,
        )
      : ['- none']),
  );
  const upcoming = [...input.deadlines].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  lines.push('', `**Next expiries (${upcoming.length})**`);
  lines.push(
    ...(upcoming.length
      ? upcoming
          .slice(0, max)
          .map(
            (d) =>
              `- ⏳ ${inlineCode(d.specKey)} (${inlineCode(d.stack)}) at ${time(d.dueAt)}${d.dueAt <= input.now ? ' (due now)' : ''}${d.owner ? `, owner ${escapeMarkdown(d.owner)}` : ''}`,
          )
      : ['- none']),
  );
  if (upcoming.length > max) lines.push(`- … ${formatNumber(upcoming.length - max)} more`);
  return lines.join('\n');
}
