// The Actions runner against the GitHub double: a repository holding the real workflow file, a work directory with
// a stack, a recording logger, and scripted runs that upload what `infra-bot plan` / `apply` would.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActionsRunner, type ActionsRunnerOptions } from '../../../../src/plan/actions-runner.js';
import { RESULT_FORMAT, sha256Hex } from '../../../../src/plan/actions-contract.js';
import { planDigest } from '../../../../src/plan/actions-plan-json.js';
import type { RunRequest } from '../../../../src/plan/runner.js';
import type { DispatchedRun, RunConclusion, WorkflowRunRecord } from '../../../doubles/github/actions-state.js';
import type { GitHubDouble } from '../../../doubles/github/server.js';
import { testOctokit } from '../../../doubles/github/test-octokit.js';

export const WORKFLOW = readFileSync(
  fileURLToPath(new URL('../../../../.github/workflows/infra-bot-terraform.yml', import.meta.url)),
  'utf8',
);

export const STACK = 's3-logs';

export const stackJson = (bucket = 'acme-logs') =>
  `${JSON.stringify(
    {
      terraform: {
        backend: { s3: { bucket: 'acme-tfstate', key: `infra-bot/acme/infra/${STACK}.tfstate`, region: 'us-east-1' } },
        required_providers: { aws: { source: 'aws', version: '6.25.0' } },
      },
      provider: { aws: [{ region: 'us-east-1' }] },
      resource: { aws_s3_bucket: { bucket: { bucket } } },
    },
    null,
    2,
  )}\n`;

export const planJson = (actions: string[] = ['create']) =>
  JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.13.4',
    resource_changes: [
      {
        address: 'aws_s3_bucket.bucket',
        mode: 'managed',
        type: 'aws_s3_bucket',
        name: 'bucket',
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: { actions, before: null, after: { bucket: 'acme-logs' }, after_unknown: { id: true } },
      },
    ],
    output_changes: {},
  });

export interface LogLine {
  level: 'info' | 'warn';
  fields: Record<string, unknown>;
  msg: string;
}

export interface RunnerFixture {
  double: GitHubDouble;
  repo: string;
  sha: string;
  workDir: string;
  logs: LogLine[];
  runner(options?: Partial<ActionsRunnerOptions>): ReturnType<typeof createActionsRunner>;
  /** The repository's workflow runs, oldest first. */
  runs(): WorkflowRunRecord[];
  request(overrides?: Partial<RunRequest>): RunRequest;
  cleanup(): void;
}

let repos = 0;

/** A fresh repository (main holds the workflow) and work directory on a shared double. */
export function runnerFixture(double: GitHubDouble, json = stackJson()): RunnerFixture {
  const repo = `infra-${++repos}`;
  const sha = double.addRepo({
    owner: 'acme',
    repo,
    files: {
      '.github/workflows/infra-bot-terraform.yml': WORKFLOW,
      '.github/infra.yml': 'terraform: { runner: actions }\n',
    },
  });
  const root = mkdtempSync(join(tmpdir(), 'actions-runner-'));
  const workDir = join(root, STACK);
  mkdirSync(workDir);
  writeFileSync(join(workDir, 'cdk.tf.json'), json);
  const logs: LogLine[] = [];
  return {
    double,
    repo,
    sha,
    workDir,
    logs,
    runner: (options = {}) =>
      createActionsRunner({
        github: async () => testOctokit(double),
        owner: 'acme',
        repo,
        sha,
        pollMs: 10,
        startTimeoutMs: 400,
        log: {
          info: (fields, msg) => logs.push({ level: 'info', fields, msg }),
          warn: (fields, msg) => logs.push({ level: 'warn', fields, msg }),
        },
        ...options,
      }),
    runs: () => double.workflowRuns('acme', repo).sort((a, b) => a.id - b.id),
    request: (overrides = {}) => ({ workDir, stack: STACK, timeoutMs: 5_000, ...overrides }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** What `infra-bot plan` leaves in the artifact for this dispatch. */
export function planFiles(run: DispatchedRun, plan = planJson(), extra: Record<string, unknown> = {}) {
  const result = {
    format: RESULT_FORMAT,
    command: 'plan',
    runId: run.inputs.run_id,
    stack: run.inputs.stack,
    destroy: run.inputs.destroy === 'true',
    ok: true,
    hasChanges: !plan.includes('"no-op"'),
    stackHash: run.inputs.stack_hash,
    planDigest: planDigest(JSON.parse(plan)),
    planFileSha256: sha256Hex('plan file'),
    ...extra,
  };
  return {
    'plan.json': plan,
    'plan.log': 'Plan: 1 to add, 0 to change, 0 to destroy.\n',
    'result.json': JSON.stringify(result),
  };
}

/** What `infra-bot apply` adds. */
export function applyFiles(run: DispatchedRun, extra: Record<string, unknown> = {}) {
  const result = {
    format: RESULT_FORMAT,
    command: 'apply',
    runId: run.inputs.run_id,
    stack: run.inputs.stack,
    ok: true,
    planDigest: run.inputs.plan_digest,
    ...extra,
  };
  return {
    'apply.log': 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n',
    'apply-result.json': JSON.stringify(result),
  };
}

/** A run that starts, uploads `files` as infra-bot-<run_id> and ends with `conclusion`. */
export const finishWith =
  (
    files: (run: DispatchedRun) => Record<string, string | Buffer> | Buffer | null,
    conclusion: RunConclusion = 'success',
  ) =>
  (run: DispatchedRun) => {
    run.start();
    const content = files(run);
    if (content !== null) run.upload(`infra-bot-${run.inputs.run_id}`, content);
    run.complete(conclusion);
  };
