import type { Command } from '../../commands/commands.js';
import type { GitHubClient } from '../../github/octokit.js';
import type { RunCommandPayload } from '../job-kinds.js';
import type { Services } from '../services.js';

export interface CommandContext {
  services: Services;
  octokit: GitHubClient;
  payload: RunCommandPayload;
  target: { owner: string; repo: string };
  /** Replies on the issue or PR the command came from. */
  reply(body: string): Promise<void>;
}

export type CommandHandler<C extends Command = Command> = (context: CommandContext, command: C) => Promise<string>;

/** One handler per command name; the map's type makes a missing handler a compile error. */
export type CommandHandlers = { [N in Command['name']]: CommandHandler<Extract<Command, { name: N }>> };
