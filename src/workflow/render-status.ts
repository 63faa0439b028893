import type { Deadline, DecisionRecord, PlanRecord, StackLock, UnappliedMerge } from '../store/store.js';

const time = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** `/infra status` on a PR (pure). */
export function renderPullRequestStatus(input: {
  pr: number;
  locks: readonly StackLock[];
  plans: readonly PlanRecord[];
  decisions: readonly DecisionRecord[];
  deadlines: readonly Deadline[];
  /** Stacks this PR (or an earlier merge touching its stacks) merged but infra-bot did not apply. */
  unapplied?: readonly UnappliedMerge[];
}): string {
  const lines = [`### infra-bot status for #${input.pr}`, ''];
  if (input.unapplied?.length) lines.push(renderUnappliedSection(input.unapplied), '');
  lines.push('**Locks**');
  lines.push(
    ...(input.locks.length
      ? input.locks.map(
          (lock) => `- 🔒 \`${lock.stack}\` at ${lock.headSha.slice(0, 7)} since ${time(lock.acquiredAt)}`,
        )
      : ['- none']),
  );
  lines.push('', '**Plans**');
  lines.push(
    ...(input.plans.length
      ? input.plans.map(
          (plan) =>
            `- \`${plan.stack}\`: ${plan.status} at ${plan.headSha.slice(0, 7)} (${time(plan.createdAt)}, plan ${plan.id})`,
        )
      : ['- none: comment `/infra plan`']),
  );
  lines.push('', '**Approvals**');
  const current = input.decisions.filter((decision) => !decision.stale);
  lines.push(
    ...(current.length
      ? current.map(
          (decision) =>
            `- ${decision.decision === 'approved' ? '✅' : '⛔'} ${decision.decision} by ${decision.approver.name} at ${time(decision.decidedAt)}`,
        )
      : ['- none yet']),
  );
  lines.push('', '**Scheduled expiries**');
  lines.push(
    ...(input.deadlines.length
      ? input.deadlines.map(
          (deadline) => `- ⏳ \`${deadline.specKey}\` (\`${deadline.stack}\`) at ${time(deadline.dueAt)}`,
        )
      : ['- none']),
  );
  return lines.join('\n');
}

/** "Merged but not applied": one line per stack and PR, with why and what to do (pure). */
export function renderUnappliedSection(unapplied: readonly UnappliedMerge[]): string {
  const lines = [`**⛔ Merged but not applied (${unapplied.length})**`];
  for (const entry of unapplied) {
    const why = entry.reason.split('\n')[0] ?? '';
    lines.push(`- \`${entry.stack}\` from #${entry.pr} (${entry.sha.slice(0, 7)}, ${time(entry.recordedAt)}): ${why}`);
  }
  lines.push(
    '',
    'The default branch declares these changes; the cloud does not have them. The next approved plan of each stack applies them (a follow-up PR touching it, or `/infra plan <stack>` on any open PR).',
  );
  return lines.join('\n');
}
