import { requiredAccess } from '../../commands/commands.js';
import type { Command } from '../../commands/commands.js';
import { parseCommand } from '../../commands/parse-command.js';
import { addReaction, reply } from '../../github/comments.js';
import { getPermission, hasAtLeast } from '../../github/permissions.js';
import type { Job } from '../../store/store.js';
import { fullName } from '../job-kinds.js';
import type { RunCommandPayload } from '../job-kinds.js';
import { RepoConfigError } from '../repo-config-error.js';
import type { Services } from '../services.js';
import type { CommandContext, CommandHandlers } from './command-context.js';

/**
 * A slash command from a new comment:
 *  1. parse (pure; the webhook handler already dropped comments that are not commands);
 *  2. 👀 on the comment, so the author sees it was received;
 *  3. a bad command gets its problem and the usage; a commenter below the command's permission is refused;
 *  4. run the command's handler, and audit it.
 */
export async function runCommand(
  services: Services,
  job: Job<RunCommandPayload>,
  handlers: CommandHandlers,
): Promise<string> {
  const payload = job.payload;
  const target = { owner: payload.owner, repo: payload.repo };
  const where = payload.isPullRequest ? 'pull_request' : 'issue';
  const parsed = parseCommand({ body: payload.body, where, sender: payload.sender });
  if (parsed.type === 'ignore') return 'not a command';
  const octokit = await services.github(payload.installationId);
  const context: CommandContext = {
    services,
    octokit,
    payload,
    target,
    reply: async (body) => {
      await reply(octokit, { ...target, issue_number: payload.number, body });
    },
  };
  // A retried job must not react twice; GitHub answers a repeated reaction with the existing one anyway.
  await addReaction(octokit, { ...target, comment_id: payload.commentId, content: 'eyes' });
  if (parsed.type === 'reply') {
    await context.reply(parsed.message);
    return 'replied with usage';
  }
  const command = parsed.command;
  const needed = requiredAccess(command);
  const level = await getPermission(octokit, { ...target, username: payload.sender.login });
  if (!hasAtLeast(level, needed)) {
    await context.reply(
      `⛔ @${payload.sender.login}, \`/infra ${command.name}\` needs ${needed} access to ${fullName(target)}; you have ${level}.`,
    );
    await audit(services, payload, command, 'refused: permission');
    return 'refused';
  }
  const handler = handlers[command.name] as (context: CommandContext, command: Command) => Promise<string>;
  const outcome = await handler(context, command).catch(async (error: unknown) => {
    // A broken repo config is the user's to fix: say so where they asked, the job itself succeeded.
    if (!(error instanceof RepoConfigError)) throw error;
    await context.reply(error.message);
    return 'refused: invalid repo config';
  });
  await audit(services, payload, command, outcome);
  return outcome;
}

async function audit(services: Services, payload: RunCommandPayload, command: Command, outcome: string): Promise<void> {
  await services.store.audit({
    at: services.clock.now(),
    actor: payload.sender.login,
    action: `command:${command.name}`,
    repo: fullName(payload),
    pr: payload.number,
    outcome,
  });
}
