// Plays a GitHub Actions runner for the GitHub double: reads the dispatched workflow file from the repository, and runs
// its steps for real where that means something here: `run:` scripts in bash with the step's `env:` (so the shipped
// scripts are what is tested), actions/checkout (the double's files at the ref), actions/upload-artifact (zipped into
// the double). Steps that install tools or get credentials are emulated by the environment the test gives.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { DispatchedRun, WorkflowRunner } from '../../../doubles/github/actions-state.js';
import type { GitHubDouble } from '../../../doubles/github/server.js';

export interface EmulatorOptions {
  double: GitHubDouble;
  /** PATH with `infra-bot` and `terraform`, and what configure-aws-credentials would export. */
  env: Record<string, string>;
  vars: Record<string, string>;
  secrets?: Record<string, string>;
  /** github.triggering_actor; default the app's bot. */
  actor?: string;
  /** Steps (by name) whose effect the environment already provides; they are not run. */
  emulated: string[];
}

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface Emulator {
  runner: WorkflowRunner;
  /** Each finished step's name, conclusion and output, per run id: for diagnosing a failing test. */
  transcripts: Map<number, string[]>;
  cleanup(): void;
}

type Context = Record<string, Record<string, string>>;

/** `${{ a.b || 'x' }}`: dotted lookups, string literals and `||`; anything else fails loudly. */
function evaluate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    if (/&&|==|\(|!/.test(expr)) throw new Error(`the emulator cannot evaluate \${{ ${expr} }}`);
    for (const term of expr.split('||').map((t) => t.trim())) {
      const literal = /^'(.*)'$/.exec(term);
      const value = literal ? literal[1]! : (ctx[term.split('.')[0]!]?.[term.split('.').slice(1).join('.')] ?? '');
      if (value !== '') return value;
    }
    return '';
  });
}

const evaluateAll = (values: Record<string, string> | undefined, ctx: Context) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, evaluate(String(v), ctx)]));

function runScript(script: string, cwd: string, env: Record<string, string>, signal: AbortSignal) {
  return new Promise<{ code: number; output: string }>((done) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const kill = () => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL');
    signal.addEventListener('abort', kill, { once: true });
    child.on('close', (code) => {
      signal.removeEventListener('abort', kill);
      done({ code: code ?? 1, output });
    });
  });
}

export function workflowEmulator(options: EmulatorOptions): Emulator {
  const roots: string[] = [];
  const transcripts = new Map<number, string[]>();

  const runner: WorkflowRunner = async (run: DispatchedRun) => {
    const root = mkdtempSync(join(tmpdir(), 'actions-job-'));
    roots.push(root);
    const workspace = join(root, 'work');
    const temp = join(root, 'temp');
    mkdirSync(workspace);
    mkdirSync(temp);
    const transcript: string[] = [];
    transcripts.set(run.id, transcript);
    const text = options.double.readFile(run.owner, run.repo, run.headSha, `.github/workflows/${run.workflowFile}`)!;
    const job = Object.values((parse(text) as { jobs: Record<string, { steps: Step[] }> }).jobs)[0]!;
    const ctx: Context = {
      inputs: { ...run.inputs },
      vars: options.vars,
      secrets: options.secrets ?? {},
      github: {
        triggering_actor: options.actor ?? 'infra-bot[bot]',
        run_id: String(run.id),
        repository: `${run.owner}/${run.repo}`,
      },
      runner: { temp },
    };
    const baseEnv = {
      ...options.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: `${run.owner}/${run.repo}`,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: temp,
    };
    run.start();
    let failed = false;
    for (const step of job.steps) {
      if (run.signal.aborted) return;
      const name = step.name ?? step.uses ?? 'step';
      const always = step.if === 'always()';
      if (step.if !== undefined && !always) throw new Error(`the emulator cannot evaluate if: ${step.if}`);
      if (failed && !always) continue;
      let ok = true;
      if (options.emulated.includes(name)) {
        transcript.push(`${name}: emulated`);
      } else if (step.run !== undefined) {
        const cwd = resolve(workspace, evaluate(step['working-directory'] ?? '.', ctx));
        const env = { ...baseEnv, ...evaluateAll(step.env, ctx) };
        const { code, output } = await runScript(step.run, cwd, env, run.signal);
        transcript.push(`${name}: exit ${code}\n${output}`);
        ok = code === 0;
      } else if (step.uses?.startsWith('actions/checkout@')) {
        const w = evaluateAll(step.with, ctx);
        const into = resolve(workspace, w.path ?? '.');
        const repo = options.double.state.repo(run.owner, run.repo);
        const files = repo.git.filesAt(options.double.state.resolveCommit(repo, w.ref));
        for (const [path, blob] of files) {
          mkdirSync(dirname(join(into, path)), { recursive: true });
          writeFileSync(join(into, path), repo.git.blobs.get(blob.sha)!);
        }
        transcript.push(`${name}: checked out ${w.ref}`);
      } else if (step.uses?.startsWith('actions/upload-artifact@')) {
        const w = evaluateAll(step.with, ctx);
        const paths = w
          .path!.split('\n')
          .map((p) => p.trim())
          .filter((p) => p !== '' && existsSync(p));
        if (paths.length > 0) {
          // upload-artifact roots the zip at the paths' least common ancestor
          const base = paths.map(dirname).reduce((a, b) => (relative(a, b).startsWith('..') ? dirname(a) : a));
          run.upload(w.name!, Object.fromEntries(paths.map((p) => [relative(base, p), readFileSync(p)])));
        }
        transcript.push(`${name}: uploaded ${paths.length} files`);
      } else {
        throw new Error(`the emulator does not know step ${name} (${step.uses ?? 'no uses'})`);
      }
      run.step(name, ok ? 'success' : 'failure');
      failed ||= !ok;
    }
    run.complete(failed ? 'failure' : 'success');
  };

  return {
    runner,
    transcripts,
    cleanup: () => roots.forEach((root) => rmSync(root, { recursive: true, force: true })),
  };
}
