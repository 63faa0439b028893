import type { DecisionRecord, PlanRecord } from '../../store/records.js';

/**
 * The decisions that approved the content about to be applied: a decision counts only when, for every stack
 * applied, one of the plans it was given for has the same stack and content hash. A PR re-planned at the same head
 * after its base changed a stack (a plan is of what the merge would produce) gets new content, and an approval of
 * the old content must not carry over; a re-plan of identical content keeps its approvals.
 */
export async function approvalsOfContent(
  decisions: readonly DecisionRecord[],
  plans: readonly Pick<PlanRecord, 'stack' | 'specHash'>[],
  getPlan: (id: string) => Promise<Pick<PlanRecord, 'stack' | 'specHash'> | undefined>,
): Promise<{ counted: DecisionRecord[]; otherContent: number }> {
  const cache = new Map<string, Promise<Pick<PlanRecord, 'stack' | 'specHash'> | undefined>>();
  const planOf = (id: string) => {
    if (!cache.has(id)) cache.set(id, getPlan(id));
    return cache.get(id)!;
  };
  const counted: DecisionRecord[] = [];
  for (const decision of decisions) {
    const approved = (await Promise.all(decision.planIds.map(planOf))).filter((plan) => plan !== undefined);
    const covers = plans.every((plan) =>
      approved.some((given) => given.stack === plan.stack && given.specHash === plan.specHash),
    );
    if (covers) counted.push(decision);
  }
  return { counted, otherContent: decisions.length - counted.length };
}
