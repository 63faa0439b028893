// `infra-bot apply`: applies the plan `infra-bot plan` saved earlier in the same job, and nothing else.
//
// The saved plan never leaves the runner (a plan file holds sensitive values in clear, and artifacts are readable by
// everyone who can read the repository). Instead the apply run plans again and applies that plan only when its digest
// equals the digest of the plan people approved (--expect-digest). Without --expect-digest only a destroy plan is
// applied (the expiry path: the deadline itself is the approval).
//
// 1. Read <out>/result.json from `infra-bot plan`: it must be a successful plan of this stack whose plan file is
//    byte for byte the --plan file (sha256), and whose digest is the expected one.
// 2. terraform apply <planfile> with the local runner (init first, as on a fresh runner).
// 3. Write <out>/apply.log and <out>/apply-result.json.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cliTerraformEnv } from '../plan/actions-cli-env.js';
import {
  ARTIFACT_FILES,
  RESULT_FORMAT,
  STACK_NAME,
  planResultSchema,
  sha256Hex,
  type ApplyResultFile,
  type PlanResultFile,
} from '../plan/actions-contract.js';
import { createLocalRunner } from '../plan/local-runner.js';
import { createRedactor } from '../plan/runner-redact.js';
import { CliPathError } from './cli-errors.js';
import { binaryPath, existingDirectory } from './cli-paths.js';
import type { CliIo } from './io.js';
import { CliUsageError } from './load-workspace.js';
import { readConfig, timeoutOf } from './plan-command.js';

export interface ApplyCommandOptions {
  stack: string;
  /** The saved plan written by `infra-bot plan` (<out>/stacks/<stack>/<stack>.tfplan). */
  plan: string;
  out: string;
  config?: string;
  /** The approved plan's digest; required unless the saved plan is a destroy plan. */
  expectDigest?: string;
  notAfter?: string;
  timeout?: string;
  binary?: string;
  pluginCacheDir?: string;
}

/** Why the saved plan must not be applied, or null when it may. */
function refusal(plan: PlanResultFile, options: ApplyCommandOptions, planFileSha256: string): string | null {
  if (plan.stack !== options.stack)
    return `${ARTIFACT_FILES.planResult} is the plan of ${plan.stack}, not ${options.stack}`;
  if (plan.planFileSha256 !== planFileSha256)
    return `${options.plan} is not the plan file ${ARTIFACT_FILES.planResult} describes`;
  if (options.expectDigest === undefined) {
    return plan.destroy ? null : 'refusing to apply a plan without --expect-digest (only destroy plans may be)';
  }
  if (plan.planDigest !== options.expectDigest) {
    return (
      `the plan made now (${plan.planDigest ?? 'no digest'}) differs from the approved plan (${options.expectDigest}): ` +
      'something changed since it was approved (state, drift, or the stack); plan and approve again'
    );
  }
  return null;
}

async function readPlanResult(out: string): Promise<PlanResultFile> {
  const path = join(out, ARTIFACT_FILES.planResult);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CliUsageError(`no ${path}: run infra-bot plan with the same --out first`);
  });
  let parsed: ReturnType<typeof planResultSchema.safeParse> | undefined;
  try {
    parsed = planResultSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) throw new CliUsageError(`${path} is not a result infra-bot plan wrote`);
  return parsed.data;
}

/** `infra-bot apply --stack <name> --plan <file>`: exit 0 applied, 1 refused or failed (apply-result.json), 2 usage. */
export async function applyCommand(io: CliIo, options: ApplyCommandOptions): Promise<number> {
  if (!STACK_NAME.test(options.stack)) throw new CliUsageError(`invalid stack name ${JSON.stringify(options.stack)}`);
  const out = existingDirectory(io.cwd, options.out, `--out ${options.out}`);
  const binary = binaryPath(io.cwd, options.binary);
  for (const name of [ARTIFACT_FILES.applyLog, ARTIFACT_FILES.applyResult]) await rm(join(out, name), { force: true });
  const config = await readConfig(io, options.config);
  const plan = await readPlanResult(out);
  const { extraEnv, secrets } = cliTerraformEnv(io.env, options.stack);
  const redactor = createRedactor(secrets);
  const base = { format: RESULT_FORMAT, command: 'apply', runId: plan.runId, stack: options.stack } as const;
  const finish = async (result: ApplyResultFile, log: string): Promise<number> => {
    await writeFile(join(out, ARTIFACT_FILES.applyLog), redactor.redact(log));
    await writeFile(join(out, ARTIFACT_FILES.applyResult), `${redactor.redact(JSON.stringify(result, null, 2))}\n`);
    io.err(redactor.redact(`infra-bot apply ${options.stack}: ${result.ok ? 'applied' : (result.error ?? 'failed')}`));
    return result.ok ? 0 : 1;
  };
  const refuse = (error: string) => finish({ ...base, ok: false, phase: 'setup', error }, error);

  if (!plan.ok) return refuse(`the plan of ${plan.stack} failed; there is nothing to apply`);
  const planFile = resolve(io.cwd, options.plan);
  const planBytes = await readFile(planFile).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file' : `cannot read it (${error.code ?? error.message})`;
    throw new CliPathError(`--plan ${options.plan}: ${why}`);
  });
  const refused = refusal(plan, options, sha256Hex(planBytes));
  if (refused !== null) return refuse(refused);
  const timeoutMs = timeoutOf(io, config, options);
  if (timeoutMs <= 0)
    return refuse(`too late: the app gave up on this run at ${options.notAfter}; nothing was applied`);
  const runner = createLocalRunner({
    binary: binary ?? config.terraform.binary,
    pluginCacheDir: resolve(io.cwd, options.pluginCacheDir ?? join(out, 'plugin-cache')),
    log: { info: (_f, msg) => io.err(msg), warn: (_f, msg) => io.err(msg) },
    clock: { now: io.now },
    env: io.env,
  });
  const workDir = join(out, 'stacks', options.stack);
  const result = await runner.apply({ workDir, stack: options.stack, planFile, extraEnv, secrets, timeoutMs });
  if (result.ok) return finish({ ...base, ok: true, planDigest: plan.planDigest }, result.log);
  const { phase, exitCode, timedOut, cancelled, error } = result;
  return finish(
    { ...base, ok: false, planDigest: plan.planDigest, phase, exitCode, timedOut, cancelled, error },
    result.log,
  );
}
