import { setCommitStatus } from '../../github/statuses.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { ApprovalState } from '../../approval/approval-rules.js';

/** The commit status branch protection can require: pending until enough approvals, failure on a rejection. */
export const APPROVAL_STATUS_CONTEXT = 'infra-bot/approval';

export async function setApprovalStatus(
  octokit: GitHubClient,
  target: { owner: string; repo: string },
  headSha: string,
  state: ApprovalState | { state: 'not-needed' } | { state: 'unavailable'; reason: string },
): Promise<void> {
  const [status, description] = describe(state);
  await setCommitStatus(octokit, {
    ...target,
    sha: headSha,
    context: APPROVAL_STATUS_CONTEXT,
    state: status,
    description,
  });
}

function describe(
  state: ApprovalState | { state: 'not-needed' } | { state: 'unavailable'; reason: string },
): ['pending' | 'success' | 'failure', string] {
  switch (state.state) {
    case 'not-needed':
      return ['success', 'No infrastructure changes: nothing to approve'];
    case 'unavailable':
      return ['pending', state.reason];
    case 'approved':
      return ['success', `Approved by ${state.approvers.map((a) => a.name).join(', ')}`];
    case 'rejected':
      return ['failure', `Rejected by ${state.rejectedBy?.name ?? 'an approver'}`];
    case 'pending':
      return [
        'pending',
        state.approvers.length > 0
          ? `${state.approvers.length} of ${state.required} approvals in Slack`
          : `Waiting for ${state.required} approval${state.required === 1 ? '' : 's'} in Slack`,
      ];
  }
}
