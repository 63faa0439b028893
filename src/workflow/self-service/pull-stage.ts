import { approvalState } from '../../approval/approval-rules.js';
import type { DecisionRecord, PlanRecord } from '../../store/store.js';
import type { PullStatus } from './render-issue-status.js';

/** Where one PR stands (pure): an apply or plan job first, then its plans at the current head and their approvals. */
export function pullStage(input: {
  headSha: string;
  plans: readonly PlanRecord[];
  decisions: readonly DecisionRecord[];
  required: number;
  applyJob: boolean;
  planJob: boolean;
}): Pick<PullStatus, 'stage' | 'detail'> {
  if (input.applyJob) return { stage: 'applying' };
  if (input.planJob) return { stage: 'planning' };
  if (input.plans.length === 0) return { stage: 'not planned' };
  const current = input.plans.filter((p) => p.headSha === input.headSha);
  if (current.length === 0) return { stage: 'plan outdated', detail: 'new commits since the last plan' };
  const failed = current.filter((p) => p.status === 'failed');
  if (failed.length) return { stage: 'plan failed', detail: `${failed.map((p) => p.stack).join(', ')} failed` };
  if (current.every((p) => p.status === 'no-changes')) return { stage: 'no changes' };
  const state = approvalState(input.decisions, input.required);
  if (state.state === 'approved')
    return { stage: 'approved', detail: `by ${state.approvers.map((a) => a.name).join(', ')}` };
  if (state.state === 'rejected') return { stage: 'rejected', detail: `by ${state.rejectedBy?.name ?? 'an approver'}` };
  return { stage: 'awaiting approval', detail: `${state.approvers.length} of ${state.required} approvals` };
}
