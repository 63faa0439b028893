import { parseArgs } from 'node:util';
import { checkArgs } from './cli/check-args.js';
import { CliArgsError, CliPathError, NoSpecsError } from './cli/cli-errors.js';
import { processIo } from './cli/io.js';
import type { CliIo } from './cli/io.js';
import { isCommand, usage } from './cli/usage.js';
import type { CommandName } from './cli/usage.js';
import { validateCommand } from './cli/validate-command.js';
import { packageVersion } from './cli/package-version.js';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const workspace = { dir: str, config: str, 'allow-empty': bool } as const;
const terraform = { 'not-after': str, timeout: str, binary: str, 'plugin-cache': str } as const;

/** The options of each command, for checkArgs and parseArgs alike. */
const OPTIONS = {
  validate: { ...workspace, json: bool },
  synth: { ...workspace, out: str, repo: str, 'state-dir': str, stack: { type: 'string', multiple: true } },
  plan: {
    ...workspace,
    ...terraform,
    stack: str,
    destroy: bool,
    'no-refresh': bool,
    out: str,
    repo: str,
    'state-dir': str,
    'stack-json': str,
    'expect-hash': str,
    'run-id': str,
  },
  apply: { ...terraform, stack: str, plan: str, out: str, config: str, 'expect-digest': str },
  'access-review': { ...workspace, out: str, csv: str },
  import: { dir: str, config: str, 'out-dir': str, owner: str },
} as const satisfies Record<CommandName, object>;

const parse = <C extends CommandName>(command: C, args: string[]) =>
  parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: command === 'import' });

const required = (value: string | undefined, flag: string): string => {
  if (value === undefined) throw new CliArgsError(`${flag} is required`);
  return value;
};

async function run(command: CommandName, args: string[], io: CliIo): Promise<number> {
  switch (command) {
    case 'validate': {
      const { values } = parse('validate', args);
      return await validateCommand(io, { ...values, allowEmpty: values['allow-empty'], json: values.json ?? false });
    }
    case 'synth': {
      const { values } = parse('synth', args);
      // Loaded on demand: `validate` should not pay for loading CDKTF.
      const { synthCommand } = await import('./cli/synth-command.js');
      return await synthCommand(io, {
        dir: values.dir,
        config: values.config,
        allowEmpty: values['allow-empty'],
        out: values.out ?? 'cdktf.out',
        repo: values.repo,
        stateDir: values['state-dir'] ?? 'data/state',
        stacks: values.stack ?? [],
      });
    }
    case 'plan': {
      const { values } = parse('plan', args);
      const stack = required(values.stack, '--stack');
      const { planCommand } = await import('./cli/plan-command.js');
      return await planCommand(io, {
        stack,
        destroy: values.destroy ?? false,
        refresh: !(values['no-refresh'] ?? false),
        out: values.out ?? 'cdktf.out',
        dir: values.dir,
        config: values.config,
        allowEmpty: values['allow-empty'],
        repo: values.repo,
        stateDir: values['state-dir'] ?? 'data/state',
        stackJson: values['stack-json'],
        expectHash: values['expect-hash'],
        runId: values['run-id'],
        notAfter: values['not-after'],
        timeout: values.timeout,
        binary: values.binary,
        pluginCacheDir: values['plugin-cache'],
      });
    }
    case 'apply': {
      const { values } = parse('apply', args);
      const stack = required(values.stack, '--stack');
      const plan = required(values.plan, '--plan');
      const { applyCommand } = await import('./cli/apply-command.js');
      return await applyCommand(io, {
        stack,
        plan,
        out: values.out ?? 'cdktf.out',
        config: values.config,
        expectDigest: values['expect-digest'],
        notAfter: values['not-after'],
        timeout: values.timeout,
        binary: values.binary,
        pluginCacheDir: values['plugin-cache'],
      });
    }
    case 'access-review': {
      const { values } = parse('access-review', args);
      const out = required(values.out, '--out');
      const { accessReviewCommand } = await import('./cli/access-review-command.js');
      return await accessReviewCommand(io, {
        out,
        csv: values.csv,
        dir: values.dir,
        config: values.config,
        allowEmpty: values['allow-empty'],
      });
    }
    case 'import': {
      const { values, positionals } = parse('import', args);
      if (positionals.length !== 1) throw new CliArgsError('give exactly one CSV file: infra-bot import users.csv');
      const { importCommand } = await import('./cli/import-command.js');
      return await importCommand(io, {
        csv: positionals[0]!,
        dir: values.dir,
        config: values.config,
        outDir: values['out-dir'],
        owner: values.owner,
      });
    }
  }
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 invalid specs or a failed run, 2 usage or unexpected error). */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(usage());
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.out(packageVersion());
    return 0;
  }
  if (!isCommand(command)) {
    io.err(`infra-bot: unknown command "${command}"\n${usage()}`);
    return 2;
  }
  try {
    if (checkArgs(rest, OPTIONS[command], command === 'import') === 'help') {
      io.out(usage(command));
      return 0;
    }
    return await run(command, rest, io);
  } catch (error) {
    if (error instanceof CliPathError || error instanceof NoSpecsError) {
      io.err(`infra-bot: ${error.message}`);
      return error instanceof NoSpecsError ? 1 : 2;
    }
    if (error instanceof CliArgsError) {
      io.err(`infra-bot ${command}: ${error.message}\n${usage(command)}`);
      return 2;
    }
    // Other usage errors, and anything unexpected: exit 2, never a pass.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`infra-bot ${command}: ${message}`);
    return 2;
  }
}
