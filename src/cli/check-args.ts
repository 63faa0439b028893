import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { CliArgsError } from './cli-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Checks a command's arguments before parseArgs reads them, so that every mistake names the flag: an unknown flag, a
 * string flag without its value (`--dir` last, `--dir=`, or `--dir --json`, where `--json` would silently become the
 * folder), a value given to a boolean flag, an unexpected argument. Returns 'help' for --help / -h.
 */
export function checkArgs(args: readonly string[], options: Options, allowPositionals = false): 'help' | undefined {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const known = new Map(Object.entries(options));
  if (tokens.some((t) => t.kind === 'option' && (t.name === 'help' || t.name === 'h') && !known.has(t.name))) {
    return 'help';
  }
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!allowPositionals) throw new CliArgsError(`unexpected argument ${JSON.stringify(token.value)}`);
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = known.get(token.name);
    if (option === undefined) throw new CliArgsError(`unknown option ${token.rawName}`);
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new CliArgsError(`${token.rawName} takes no value`);
      continue;
    }
    const value = token.value;
    if (value === undefined || value === '') throw new CliArgsError(`${token.rawName} needs a value`);
    if (!token.inlineValue && /^-./.test(value)) {
      throw new CliArgsError(
        `${token.rawName} needs a value (got the option ${value}; write ${token.rawName}=${value} if that is the value)`,
      );
    }
  }
  return undefined;
}
