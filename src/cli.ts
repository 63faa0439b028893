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
      validate, then write <out>/stacks/<stack>/cdk.tf.json and print each stack's resource count
  plan --stack name [--destroy] [--out cdktf.out] [--repo owner/repo] [--dir …] [--config …] [--state-dir …]
       [--stack-json gzip-base64] [--expect-hash sha256] [--run-id id] [--not-after iso-time] [--timeout 30m]
       [--binary terraform] [--plugin-cache dir]
      plan one stack with terraform (what the infra-bot-terraform workflow runs): writes <out>/plan.json (sensitive
      values masked), <out>/plan.log, <out>/result.json and keeps <out>/stacks/<stack>/<stack>.tfplan;
      exit 0 planned, 1 failed (result.json says where and why)
  apply --stack name --plan <out>/stacks/<stack>/<stack>.tfplan [--expect-digest v1:…] [--out cdktf.out]
        [--config …] [--not-after iso-time] [--timeout 30m] [--binary terraform] [--plugin-cache dir]
      apply the plan \`infra-bot plan\` saved in the same --out, only if its digest is the approved one (or it is a
      destroy plan); writes <out>/apply.log and <out>/apply-result.json; exit 0 applied, 1 refused or failed
  access-review --out report.md [--csv report.csv] [--dir infra-specs] [--config .github/infra.yml]
      Okta (OKTA_ORG_URL + OKTA_API_TOKEN, or OKTA_CLIENT_ID + OKTA_PRIVATE_KEY) against the specs: every user with
      status, last sign-in and groups, inactive accounts, unmanaged users and groups, drift, who can assume each role;
      exit 0, or 1 when Okta gave only part of it (the report says what is missing)
  import users.csv [--dir infra-specs] [--config .github/infra.yml] [--out-dir dir] [--owner who]
      one OktaUser spec per CSV row (columns email,firstName,lastName[,groups,name,title,…]) after checking every row;
      exit 1 with every bad row as users.csv:<line>: message, nothing written`;

/** Runs one CLI invocation; returns the exit code (0 ok, 1 invalid specs or a failed run, 2 usage or unexpected error). */
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
      case 'plan': {
        const { values } = parseArgs({
          args: rest,
          options: {
            stack: { type: 'string' },
            destroy: { type: 'boolean', default: false },
            out: { type: 'string', default: 'cdktf.out' },
            dir: { type: 'string' },
            config: { type: 'string' },
            repo: { type: 'string' },
            'state-dir': { type: 'string', default: 'data/state' },
            'stack-json': { type: 'string' },
            'expect-hash': { type: 'string' },
            'run-id': { type: 'string' },
            'not-after': { type: 'string' },
            timeout: { type: 'string' },
            binary: { type: 'string' },
            'plugin-cache': { type: 'string' },
          },
          strict: true,
          allowPositionals: false,
        });
        if (values.stack === undefined) throw new CliUsageError('--stack is required');
        const { planCommand } = await import('./cli/plan-command.js');
        return await planCommand(io, {
          stack: values.stack,
          destroy: values.destroy ?? false,
          out: values.out ?? 'cdktf.out',
          dir: values.dir,
          config: values.config,
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
        const { values } = parseArgs({
          args: rest,
          options: {
            stack: { type: 'string' },
            plan: { type: 'string' },
            out: { type: 'string', default: 'cdktf.out' },
            config: { type: 'string' },
            'expect-digest': { type: 'string' },
            'not-after': { type: 'string' },
            timeout: { type: 'string' },
            binary: { type: 'string' },
            'plugin-cache': { type: 'string' },
          },
          strict: true,
          allowPositionals: false,
        });
        if (values.stack === undefined) throw new CliUsageError('--stack is required');
        if (values.plan === undefined) throw new CliUsageError('--plan is required');
        const { applyCommand } = await import('./cli/apply-command.js');
        return await applyCommand(io, {
          stack: values.stack,
          plan: values.plan,
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
        const { values } = parseArgs({
          args: rest,
          options: {
            out: { type: 'string' },
            csv: { type: 'string' },
            dir: { type: 'string' },
            config: { type: 'string' },
          },
          strict: true,
          allowPositionals: false,
        });
        if (values.out === undefined) throw new CliUsageError('--out is required');
        const { accessReviewCommand } = await import('./cli/access-review-command.js');
        return await accessReviewCommand(io, { ...values, out: values.out });
      }
      case 'import': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            dir: { type: 'string' },
            config: { type: 'string' },
            'out-dir': { type: 'string' },
            owner: { type: 'string' },
          },
          strict: true,
          allowPositionals: true,
        });
        if (positionals.length !== 1) throw new CliUsageError('give exactly one CSV file: infra-bot import users.csv');
        const { importCommand } = await import('./cli/import-command.js');
        return await importCommand(io, {
          csv: positionals[0]!,
          dir: values.dir,
          config: values.config,
          outDir: values['out-dir'],
          owner: values.owner,
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
