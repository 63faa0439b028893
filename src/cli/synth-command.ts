import { resolve } from 'node:path';
import { synthSettingsFrom } from '../config/synth-settings.js';
import { formatDiagnostic } from '../specs/diagnostic.js';
import { synthesize, writeSynthOutput } from '../synth/synthesize.js';
import type { CliIo } from './io.js';
import { CliUsageError, loadWorkspace } from './load-workspace.js';
import { plural } from './plural.js';
import { findRepository } from './repository-name.js';

export interface SynthCommandOptions {
  dir?: string;
  config?: string;
  /** A specs folder without any spec synthesises nothing instead of failing. */
  allowEmpty?: boolean;
  out: string;
  repo?: string;
  stateDir: string;
  stacks: string[];
}

/** `infra-bot synth`: validate, then write `<out>/stacks/<stack>/cdk.tf.json`; nothing is written when invalid. */
export async function synthCommand(io: CliIo, options: SynthCommandOptions): Promise<number> {
  const { dir, config, allowEmpty } = options;
  const result = await loadWorkspace({ cwd: io.cwd, now: io.now(), dir, config, allowEmpty });
  for (const diagnostic of result.diagnostics) io.out(formatDiagnostic(diagnostic));
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`${plural(errors, 'problem')} found; nothing written`);
    return 1;
  }
  const found = await findRepository(options.repo, io.env, io.cwd).catch((error: Error) => {
    throw new CliUsageError(error.message);
  });
  const repository = found?.name;
  if (repository === undefined && result.config.terraform.stateBucket !== undefined) {
    throw new CliUsageError(
      'cannot tell which repository this is, and the state key depends on it: pass --repo owner/repo (or set GITHUB_REPOSITORY)',
    );
  }
  // The state key depends on the repository: say which one was used and how it was found, never silently.
  io.err(
    found
      ? `repository ${found.name} (from ${found.source}) is used for the state key`
      : 'repository unknown (no --repo, $GITHUB_REPOSITORY or origin remote): local state under --state-dir',
  );
  const settings = synthSettingsFrom(result.config, {
    repository: repository ?? 'local/local',
    localStateDir: resolve(io.cwd, options.stateDir),
  });
  const stacks = synthesize(result.specs, { settings, ...(options.stacks.length > 0 && { stacks: options.stacks }) });
  const unknown = options.stacks.filter((name) => !stacks.some((stack) => stack.name === name));
  if (unknown.length > 0) throw new CliUsageError(`no such stack: ${unknown.join(', ')}`);
  await writeSynthOutput(resolve(io.cwd, options.out), stacks, { pruneOthers: options.stacks.length === 0 });
  const width = Math.max(...stacks.map((stack) => stack.name.length), 5);
  for (const stack of stacks) io.out(`${stack.name.padEnd(width)}  ${plural(stack.resourceCount, 'resource')}`);
  io.err(`${plural(stacks.length, 'stack')} written to ${options.out}/stacks`);
  return 0;
}
