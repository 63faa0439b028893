import type { CommandHandler, CommandHandlers } from './command-context.js';
import { applyCommand, destroyCommand } from './apply-destroy-commands.js';
import { helpCommand, planCommand, pullRequestStatusCommand, unlockCommand } from './pr-commands.js';

const notYet =
  (issue: string): CommandHandler =>
  async (context, command) => {
    await context.reply(`\`/infra ${command.name}\` is not enabled in this version of infra-bot (${issue}).`);
    return 'not enabled';
  };

/** The dispatch map: command name → handler. */
export function commandHandlers(): CommandHandlers {
  return {
    plan: planCommand,
    unlock: unlockCommand,
    status: pullRequestStatusCommand,
    help: helpCommand,
    apply: applyCommand,
    destroy: destroyCommand,
    new: notYet('self-service'),
    onboard: notYet('self-service'),
    offboard: notYet('self-service'),
    extend: notYet('self-service'),
    'access-review': notYet('self-service'),
    access: notYet('self-service'),
    whoami: notYet('self-service'),
    inventory: notYet('self-service'),
  };
}
