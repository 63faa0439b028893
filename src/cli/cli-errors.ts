/** A mistake in how the command was called (exit code 2). */
export class CliUsageError extends Error {
  readonly code = 'cli_usage';
}

/** A bad flag, a flag without its value, or a required flag left out: exit 2, with the command's usage. */
export class CliArgsError extends CliUsageError {}

/** A path option that names nothing usable (exit 2, printed as `infra-bot: --dir x: no such directory`). */
export class CliPathError extends CliUsageError {}

/** The specs folder holds no spec (exit 1 unless --allow-empty): a gate must not pass on an empty or wrong folder. */
export class NoSpecsError extends Error {}
