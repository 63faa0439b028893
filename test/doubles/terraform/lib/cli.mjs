// Command-line parsing and diagnostics in the shape Terraform prints them (Go `flag` semantics).

/** Thrown to end the command with Terraform-style diagnostics and an exit code. */
export class CliExit extends Error {
  constructor(exitCode, diagnostics = []) {
    super(diagnostics.map((d) => d.summary).join('; ') || `exit ${exitCode}`);
    this.exitCode = exitCode;
    this.diagnostics = diagnostics;
  }
}

export const error = (summary, detail = '') => ({ severity: 'Error', summary, detail });
export const warning = (summary, detail = '') => ({ severity: 'Warning', summary, detail });

/** Fails like Terraform with one `Error:` block. */
export function fail(summary, detail = '') {
  throw new CliExit(1, [error(summary, detail)]);
}

const COMMON = { 'no-color': 'bool' };
const LOCKING = { lock: 'bool', 'lock-timeout': 'string' };

/** Flags each subcommand accepts; anything else is "flag provided but not defined", as in Terraform. */
export const FLAGS = {
  init: {
    ...COMMON,
    ...LOCKING,
    input: 'bool',
    upgrade: 'bool',
    reconfigure: 'bool',
    'migrate-state': 'bool',
    backend: 'bool',
    'backend-config': 'string',
    get: 'bool',
  },
  plan: {
    ...COMMON,
    ...LOCKING,
    input: 'bool',
    out: 'string',
    destroy: 'bool',
    'detailed-exitcode': 'bool',
    refresh: 'bool',
    parallelism: 'string',
  },
  show: { ...COMMON, json: 'bool' },
  apply: { ...COMMON, ...LOCKING, input: 'bool', 'auto-approve': 'bool', parallelism: 'string' },
  destroy: { ...COMMON, ...LOCKING, input: 'bool', 'auto-approve': 'bool', parallelism: 'string' },
  version: { json: 'bool' },
};

/** Parses `args` against `spec`; flags stop at the first positional argument, like Go's flag package. */
export function parseFlags(args, spec) {
  const flags = {};
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const kind = spec[name];
    if (!kind) throw flagError(`flag provided but not defined: -${name}`);
    if (kind === 'bool') {
      const raw = eq === -1 ? 'true' : body.slice(eq + 1);
      if (!['true', 'false', '1', '0'].includes(raw)) {
        throw flagError(`invalid boolean value "${raw}" for -${name}: parse error`);
      }
      flags[name] = raw === 'true' || raw === '1';
    } else if (eq !== -1) {
      flags[name] = body.slice(eq + 1);
    } else {
      if (i + 1 >= args.length) throw flagError(`flag needs an argument: -${name}`);
      flags[name] = args[++i];
    }
  }
  return { flags, positional: args.slice(i) };
}

function flagError(detail) {
  return new CliExit(1, [error('Failed to parse command-line flags', detail)]);
}

/** Renders diagnostics: plain with -no-color (Terraform's DiagnosticPlain), boxed otherwise. */
export function formatDiagnostics(diagnostics, noColor) {
  return diagnostics
    .map(({ severity, summary, detail }) => {
      const body = detail ? `${severity}: ${summary}\n\n${detail}` : `${severity}: ${summary}`;
      if (noColor) return `\n${body}\n`;
      const lines = body.split('\n').map((line) => (line ? `│ ${line}` : '│ '));
      return `╷\n${lines.join('\n')}\n╵\n`;
    })
    .join('');
}
