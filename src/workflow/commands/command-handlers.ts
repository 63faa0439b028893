import type { CommandHandler, CommandHandlers } from './command-context.js';
import { accessCommand } from './access-command.js';
import { accessReviewCommand } from './access-review-command.js';
import { applyCommand, destroyCommand } from './apply-destroy-commands.js';
import { extendCommand } from './extend-command.js';
import { inventoryCommand } from './inventory-command.js';
import { issueStatusCommand } from './issue-status-command.js';
import { newSpecCommand } from './new-spec-command.js';
import { offboardCommand } from './offboard-command.js';
import { onboardCommand } from './onboard-command.js';
import { helpCommand, planCommand, pullRequestStatusCommand, unlockCommand } from './pr-commands.js';
import { whoamiCommand } from './whoami-command.js';

/** `/infra status` answers for the pull request it is on, or for the whole repository on an issue. */
const statusCommand: CommandHandler<{ name: 'status' }> = (context, command) =>
  context.payload.isPullRequest ? pullRequestStatusCommand(context, command) : issueStatusCommand(context, command);

/** The dispatch map: command name → handler. */
export function commandHandlers(): CommandHandlers {
  return {
    plan: planCommand,
    unlock: unlockCommand,
    status: statusCommand,
    help: helpCommand,
    apply: applyCommand,
    destroy: destroyCommand,
    new: newSpecCommand,
    onboard: onboardCommand,
    offboard: offboardCommand,
    extend: extendCommand,
    'access-review': accessReviewCommand,
    access: accessCommand,
    whoami: whoamiCommand,
    inventory: inventoryCommand,
  };
}
