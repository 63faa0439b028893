import type { Deadline, DecisionRecord, PlanRecord, StackLock } from '../store/store.js';

const time = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** `/infra status` on a PR (pure). */
export function renderPullRequestStatus(input: {
  pr: number;
  locks: readonly StackLock[];
  plans: readonly PlanRecord[];
  decisions: readonly DecisionRecord[];
  deadlines: readonly Deadline[];
}): string {
  const lines = [`### infra-bot status for #${input.pr}`, ''];
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
