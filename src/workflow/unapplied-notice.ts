import type { StackPlanResult } from '../plan/render-stack-section.js';
import type { UnappliedMerge } from '../store/store.js';
import type { SynthesizedStack } from '../synth/synthesize.js';
import type { StackChange } from './affected-stacks.js';

/**
 * A stack that earlier merges left unapplied: its plan (against the real cloud) also carries those changes, so the
 * plan says so, naming the PRs. The PR's own unapplied merge is not news to itself.
 */
export function withUnappliedNotice(
  result: StackPlanResult,
  unapplied: readonly UnappliedMerge[],
  pr: number,
): StackPlanResult {
  const prs = [...new Set(unapplied.filter((u) => u.stack === result.stack && u.pr !== pr).map((u) => u.pr))];
  if (prs.length === 0) return result;
  const list = prs.map((n) => `#${n}`).join(', ');
  const notice = `⚠️ The default branch has changes merged in ${list} that were never applied; this plan includes them.`;
  return { ...result, note: result.note ? `${notice} ${result.note}` : notice };
}

/**
 * `/infra plan <stack>` naming a stack the PR does not change but earlier merges left unapplied: plan it anyway
 * (head = base), so any open PR can carry the default branch's unapplied change to the cloud.
 */
export function withUnappliedStacks(
  changes: readonly StackChange[],
  named: readonly string[],
  unapplied: readonly UnappliedMerge[],
  headStacks: readonly SynthesizedStack[],
  baseStacks: readonly SynthesizedStack[] | undefined,
): StackChange[] {
  const extra: StackChange[] = [];
  for (const stack of named) {
    if (changes.some((change) => change.stack === stack)) continue;
    if (!unapplied.some((u) => u.stack === stack)) continue;
    const head = headStacks.find((candidate) => candidate.name === stack);
    if (!head) continue;
    const base = baseStacks?.find((candidate) => candidate.name === stack);
    extra.push({ stack, change: 'changed', head, ...(base && { base }) });
  }
  return [...changes, ...extra];
}
