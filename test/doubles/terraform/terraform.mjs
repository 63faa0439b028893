#!/usr/bin/env node
// Test double for the terraform / tofu CLI (Node built-ins only). Contract and fault switches: README.md here.
import { basename, resolve } from 'node:path';
import { CliExit, error, formatDiagnostics } from './lib/cli.mjs';
import * as commands from './lib/commands.mjs';
import { installInterruptHandler, logInvocation, sleep } from './lib/faults.mjs';

const env = process.env;
const argv = process.argv.slice(2);
const program = basename(process.argv[1]).replace(/\.m?js$/, '');
const brand =
  program === 'tofu'
    ? { name: 'OpenTofu', cmd: 'tofu', version: '1.8.5' }
    : { name: 'Terraform', cmd: 'terraform', version: '1.9.8' };
const SUBCOMMANDS = ['init', 'plan', 'show', 'apply', 'destroy', 'version'];

logInvocation(env, argv);

const ctx = {
  env,
  brand,
  cwd: process.cwd(),
  noColor: argv.includes('-no-color'),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  format: (diagnostics) => formatDiagnostics(diagnostics, ctx.noColor),
};

async function main() {
  const args = [...argv];
  while (args[0]?.startsWith('-')) {
    const flag = args.shift();
    if (flag.startsWith('-chdir=')) {
      ctx.cwd = resolve(ctx.cwd, flag.slice('-chdir='.length));
      process.chdir(ctx.cwd);
    } else if (['-v', '-version', '--version'].includes(flag)) {
      return commands.version(ctx, []);
    } else {
      throw new CliExit(1, [error('Failed to parse command-line flags', `flag provided but not defined: ${flag}`)]);
    }
  }
  const [subcommand, ...rest] = args;
  if (!SUBCOMMANDS.includes(subcommand)) {
    ctx.err(
      `${brand.name} has no command named "${subcommand ?? ''}".\n\nTo see all of ${brand.name}'s top-level commands, run:\n  ${brand.cmd} -help\n\n`,
    );
    return 1;
  }
  installInterruptHandler(ctx);
  if (env.TF_DOUBLE_DELAY_MS) await sleep(Number(env.TF_DOUBLE_DELAY_MS));
  return commands[subcommand](ctx, rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof CliExit) {
      ctx.err(ctx.format(err.diagnostics));
      process.exitCode = err.exitCode;
      return;
    }
    // A bug in the double: crash loudly, like a Terraform panic (exit 11), never looking like "changes" (2).
    ctx.err(
      `!!!!!!!!!!!!!!!!!!!!!!!!!!! ${brand.name.toUpperCase()} DOUBLE CRASH !!!!!!!!!!!!!!!!!!!!!!!!!!!!\n${err.stack}\n`,
    );
    process.exitCode = 11;
  },
);
