import type { Context } from 'probot';
import { parseCommand } from '../commands/parse-command.js';
import { JOB_KINDS } from '../workflow/job-kinds.js';
import type { RunCommandPayload } from '../workflow/job-kinds.js';
import { enqueueDelivery } from './enqueue-delivery.js';
import type { WebhookDeps } from './enqueue-delivery.js';

/**
 * New comments only (edits are never subscribed to): anything that is not an `/infra` command from a person is
 * dropped here without touching the store; commands become jobs.
 */
export const onIssueCommentCreated = (deps: WebhookDeps) => async (context: Context<'issue_comment.created'>) => {
  const { comment, issue, repository, installation, sender } = context.payload;
  if (!installation) return;
  const isPullRequest = Boolean(issue.pull_request);
  const senderInfo = { login: sender.login, type: sender.type };
  const parsed = parseCommand({
    body: comment.body,
    where: isPullRequest ? 'pull_request' : 'issue',
    sender: senderInfo,
  });
  if (parsed.type === 'ignore') return;
  const payload: RunCommandPayload = {
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    number: issue.number,
    isPullRequest,
    commentId: comment.id,
    body: comment.body,
    sender: senderInfo,
  };
  await enqueueDelivery(
    deps,
    { id: context.id, event: context.name, action: 'created', repo: repository.full_name },
    { kind: JOB_KINDS.runCommand, payload, retryPolicy: 'retry', maxAttempts: 3 },
  );
};
