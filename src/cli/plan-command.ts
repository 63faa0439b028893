// `infra-bot plan`: what the workflow runs to plan one stack on a GitHub Actions runner.
//
// 1. Get the stack's cdk.tf.json: from --stack-json (the app's own synthesis) or by validating and synthesising the
//    specs of this checkout; with --expect-hash, refuse anything but the stack the app asked for.
// 2. Run terraform init/plan/show -json with the local runner, with the credentials OIDC gave the job.
// 3. Write <out>/plan.json (sensitive values masked), <out>/plan.log (bounded, redacted), <out>/result.json, and keep
//    the saved plan at <out>/stacks/<stack>/<stack>.tfplan for `infra-bot apply`.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH, type RepoConfig } from '../config/repo-config-schema.js';
import { cliTerraformEnv, cliTimeoutMs } from '../plan/actions-cli-env.js';
import {
  ARTIFACT_FILES,
  RESULT_FORMAT,
  STACK_NAME,
  decodeStackJson,
  sha256Hex,
  usesLocalBackend,
  type PlanResultFile,
  type ResultPhase,
} from '../plan/actions-contract.js';
import { planDigest, sanitizePlanJson } from '../plan/actions-plan-json.js';
import { createLocalRunner } from '../plan/local-runner.js';
import { createRedactor } from '../plan/runner-redact.js';
import { formatDiagnostic } from '../specs/diagnostic.js';
import { synthesize } from '../synth/synthesize.js';
import { synthSettingsFrom } from '../config/synth-settings.js';
import { binaryPath, readConfigText } from './cli-paths.js';
import type { CliIo } from './io.js';
import { CliUsageError, loadWorkspace } from './load-workspace.js';
import { repositoryName } from './repository-name.js';

export interface PlanCommandOptions {
  stack: string;
  destroy: boolean;
  /** false (--no-refresh): terraform plan -refresh=false, for a pull request's plan the apply re-checks. */
  refresh: boolean;
  out: string;
  dir?: string;
  config?: string;
  allowEmpty?: boolean;
  repo?: string;
  stateDir: string;
  /** gzip+base64 cdk.tf.json from the app; skips validation and synthesis. */
  stackJson?: string;
  expectHash?: string;
  runId?: string;
  /** ISO time after which terraform must not run. */
  notAfter?: string;
  /** Overrides terraform.timeout (e.g. "20m"). */
  timeout?: string;
  /** Overrides terraform.binary (a path, in tests). */
  binary?: string;
  pluginCacheDir?: string;
}

type Source = { ok: true; json: string; config: RepoConfig } | { ok: false; phase: ResultPhase; error: string };

/** The repo config alone (no specs): enough to know the binary and the timeout. --config must exist. */
export async function readConfig(io: CliIo, explicit?: string): Promise<RepoConfig> {
  const path = explicit ?? REPO_CONFIG_PATH;
  const config = loadRepoConfig(readConfigText(io.cwd, explicit), path);
  if (!config.ok)
    throw new CliUsageError(`the repo config is invalid:\n${config.diagnostics.map(formatDiagnostic).join('\n')}`);
  return config.config;
}

/** The stack's Terraform JSON: the app's, or this checkout's specs validated and synthesised. */
async function stackSource(io: CliIo, options: PlanCommandOptions): Promise<Source> {
  if (options.stackJson !== undefined) {
    const config = await readConfig(io, options.config);
    let json: string;
    try {
      json = decodeStackJson(options.stackJson);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
    return { ok: true, json, config };
  }
  const { dir, config, allowEmpty } = options;
  const workspace = await loadWorkspace({ cwd: io.cwd, now: io.now(), dir, config, allowEmpty });
  if (!workspace.ok) {
    const error = workspace.diagnostics
      .filter((d) => d.severity === 'error')
      .map(formatDiagnostic)
      .join('\n');
    return { ok: false, phase: 'validate', error: `the specs are invalid:\n${error}` };
  }
  const repository = await repositoryName(options.repo, io.env, io.cwd).catch((error: Error) => {
    throw new CliUsageError(error.message);
  });
  if (repository === undefined) throw new CliUsageError('cannot tell which repository this is: pass --repo owner/repo');
  const settings = synthSettingsFrom(workspace.config, {
    repository,
    localStateDir: resolve(io.cwd, options.stateDir),
  });
  const [stack] = synthesize(workspace.specs, { settings, stacks: [options.stack] });
  if (stack === undefined)
    return { ok: false, phase: 'synth', error: `no stack named ${options.stack} in these specs` };
  return { ok: true, json: stack.json, config: workspace.config };
}

/** `infra-bot plan --stack <name>`: exit 0 planned, 1 the plan failed (result.json says why), 2 usage. */
export async function planCommand(io: CliIo, options: PlanCommandOptions): Promise<number> {
  if (!STACK_NAME.test(options.stack)) throw new CliUsageError(`invalid stack name ${JSON.stringify(options.stack)}`);
  const binary = binaryPath(io.cwd, options.binary);
  const out = resolve(io.cwd, options.out);
  const workDir = join(out, 'stacks', options.stack);
  // Files of an earlier run in the same folder must never pass for this one's.
  for (const name of [ARTIFACT_FILES.planJson, ARTIFACT_FILES.planLog, ARTIFACT_FILES.planResult]) {
    await rm(join(out, name), { force: true });
  }
  const { extraEnv, secrets } = cliTerraformEnv(io.env, options.stack);
  const redactor = createRedactor(secrets);
  const base = {
    format: RESULT_FORMAT,
    command: 'plan',
    runId: options.runId ?? '',
    stack: options.stack,
    destroy: options.destroy,
    refresh: options.refresh,
  } as const;
  const finish = async (result: PlanResultFile, log: string): Promise<number> => {
    await writeFile(join(out, ARTIFACT_FILES.planLog), redactor.redact(log));
    await writeFile(join(out, ARTIFACT_FILES.planResult), `${redactor.redact(JSON.stringify(result, null, 2))}\n`);
    if (!result.ok) io.err(redactor.redact(`infra-bot plan ${options.stack}: ${result.error ?? 'failed'}`));
    return result.ok ? 0 : 1;
  };

  // Read before anything is created: a bad --dir, --config or --stack-json leaves the disk as it was.
  const source = await stackSource(io, options);
  await mkdir(workDir, { recursive: true });
  if (!source.ok)
    return finish({ ...base, ok: false, hasChanges: false, phase: source.phase, error: source.error }, source.error);
  const stackHash = sha256Hex(source.json);
  const refuse = (phase: ResultPhase, error: string) =>
    finish({ ...base, ok: false, hasChanges: false, stackHash, phase, error }, error);
  if (options.expectHash !== undefined && options.expectHash !== stackHash) {
    return refuse(
      'synth',
      `the stack here (sha256 ${stackHash}) is not the one the app planned (${options.expectHash}): nothing was run`,
    );
  }
  if (io.env.GITHUB_ACTIONS === 'true' && usesLocalBackend(source.json)) {
    return refuse(
      'setup',
      'the stack keeps its state in a local file, which is lost when the runner ends: set terraform.stateBucket',
    );
  }
  const timeoutMs = timeoutOf(io, source.config, options);
  if (timeoutMs <= 0)
    return refuse('setup', `too late: the app gave up on this run at ${options.notAfter}; nothing was run`);
  await writeFile(join(workDir, 'cdk.tf.json'), source.json);

  const runner = createLocalRunner({
    binary: binary ?? source.config.terraform.binary,
    pluginCacheDir: resolve(io.cwd, options.pluginCacheDir ?? join(out, 'plugin-cache')),
    log: { info: (_f, msg) => io.err(msg), warn: (_f, msg) => io.err(msg) },
    clock: { now: io.now },
    env: io.env,
  });
  const result = await runner.plan({
    workDir,
    stack: options.stack,
    extraEnv,
    secrets,
    timeoutMs,
    destroy: options.destroy,
    refresh: options.refresh,
  });
  if (!result.ok) {
    const { phase, exitCode, timedOut, cancelled, error } = result;
    return finish(
      { ...base, ok: false, hasChanges: false, stackHash, phase, exitCode, timedOut, cancelled, error },
      result.log,
    );
  }
  let planText: string;
  let digest: string;
  try {
    planText = redactor.redact(JSON.stringify(sanitizePlanJson(result.planJson, randomBytes(32))));
    // The digest of what is uploaded, as the app will compute it from the artifact.
    digest = planDigest(JSON.parse(planText));
  } catch (error) {
    return refuse('show', `terraform show -json printed something that is not a plan: ${(error as Error).message}`);
  }
  await writeFile(join(out, ARTIFACT_FILES.planJson), planText);
  const planFileSha256 = sha256Hex(await readFile(result.planFile));
  io.out(`${options.stack}: ${result.hasChanges ? 'changes' : 'no changes'} (plan ${digest})`);
  return finish(
    {
      ...base,
      ok: true,
      hasChanges: result.hasChanges,
      stackHash,
      planDigest: digest,
      planFileSha256,
      ...(result.stateResources !== undefined && { stateResources: result.stateResources }),
    },
    result.log,
  );
}

/** cliTimeoutMs with its RangeError turned into a usage error. */
export function timeoutOf(io: CliIo, config: RepoConfig, options: { timeout?: string; notAfter?: string }): number {
  try {
    return cliTimeoutMs(io.now(), config.terraform.timeout, options);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}
