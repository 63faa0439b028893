import { parseArgs } from 'node:util';
import { validateCommand } from './cli/validate-command.js';
import { processIo } from './cli/io.js';
import type { CliIo } from './cli/io.js';
import { CliUsageError } from './cli/load-workspace.js';

const USAGE = `usage: infra-bot <command> [options]

commands:
  validate [--dir infra-specs] [--config .github/infra.yml] [--json]
      check every spec; exit 0 when all are valid, 1 with one line per problem (file:line:column: message)
  synth [--dir infra-specs] [--config .github/infra.yml] [--out cdktf.out] [--repo owner/repo]
        [--state-dir data/state] [--stack name …]
      validate, then write <out>/stacks/<stack>/cdk.tf.json and print each stack's resource count`;

/** Runs one CLI invocation; returns the exit code (0 ok, 1 invalid specs, 2 usage or unexpected error). */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate': {
        const { values } = parseArgs({
          args: rest,
          options: { dir: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean', default: false } },
          strict: true,
          allowPositionals: false,
        });
        return await validateCommand(io, { dir: values.dir, config: values.config, json: values.json ?? false });
      }
      case 'synth': {
        const { values } = parseArgs({
          args: rest,
          options: {
            dir: { type: 'string' },
            config: { type: 'string' },
            out: { type: 'string', default: 'cdktf.out' },
            repo: { type: 'string' },
            'state-dir': { type: 'string', default: 'data/state' },
            stack: { type: 'string', multiple: true, default: [] },
          },
          strict: true,
          allowPositionals: false,
        });
        // Loaded on demand: `validate` should not pay for loading CDKTF.
        const { synthCommand } = await import('./cli/synth-command.js');
        return await synthCommand(io, {
          dir: values.dir,
          config: values.config,
          out: values.out ?? 'cdktf.out',
          repo: values.repo,
          stateDir: values['state-dir'] ?? 'data/state',
          stacks: values.stack ?? [],
        });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`infra-bot: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof CliUsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`infra-bot ${command}: ${error.message}`);
      return 2;
    }
    io.err(`infra-bot ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
