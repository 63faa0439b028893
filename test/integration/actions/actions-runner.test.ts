import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sha256Hex } from '../../../src/plan/actions-contract.js';
import { planDigest } from '../../../src/plan/actions-plan-json.js';
import { parsePlanTicket } from '../../../src/plan/actions-ticket.js';
import { RunnerRequestError } from '../../../src/plan/local-runner.js';
import type { PlanResult } from '../../../src/plan/runner.js';
import { startGitHubDouble, type GitHubDouble } from '../../doubles/github/server.js';
import { zipFiles } from '../../doubles/github/zip-writer.js';
import {
  STACK,
  applyFiles,
  finishWith,
  planFiles,
  planJson,
  runnerFixture,
  stackJson,
  type RunnerFixture,
} from './support/runner-fixture.js';

let double: GitHubDouble;
let fx: RunnerFixture;
beforeAll(async () => {
  double = await startGitHubDouble();
});
afterAll(async () => {
  await double.close();
});
beforeEach(() => {
  double.clearRequests();
  fx = runnerFixture(double);
});
afterEach(() => {
  double.setWorkflowRunner(null);
  double.setReturnRunDetails(true);
  fx.cleanup();
});

const repoRuns = () => fx.runs();

async function planned(): Promise<Extract<PlanResult, { ok: true }>> {
  const result = await fx.runner().plan(fx.request());
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('actions runner › plan', () => {
  it('a run that plans › the same result as the local runner, and a ticket binding repo, commit, hash and digest', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const result = await planned();

    expect(result.planJson).toBe(planJson());
    expect(result.hasChanges).toBe(true);
    expect(result.log).toBe('Plan: 1 to add, 0 to change, 0 to destroy.\n');
    const [run] = repoRuns();
    expect(parsePlanTicket(result.planFile)).toEqual({
      owner: 'acme',
      repo: run!.repo,
      stack: STACK,
      sha: fx.sha,
      stackHash: sha256Hex(stackJson()),
      digest: planDigest(JSON.parse(planJson())),
      destroy: false,
      runId: run!.id,
    });
  });

  it('the dispatch › the default branch’s workflow, with the inputs the workflow file declares', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const before = Date.now();
    await planned();

    const [run] = repoRuns();
    expect(run!.ref).toBe('main');
    expect(run!.inputs).toEqual({
      stack: STACK,
      action: 'plan',
      sha: fx.sha,
      run_id: expect.stringMatching(/^[0-9a-f]{30}$/),
      destroy: 'false',
      // Not sent for a refreshing plan: GitHub fills in the workflow file's default, as the double does.
      refresh: 'true',
      stack_hash: sha256Hex(stackJson()),
      stack_json: expect.any(String),
      plan_digest: '',
      not_after: expect.any(String),
    });
    expect(gunzipSync(Buffer.from(run!.inputs.stack_json!, 'base64')).toString('utf8')).toBe(stackJson());
    expect(Date.parse(run!.inputs.not_after!)).toBeGreaterThanOrEqual(before + 5_000);
    expect(run!.displayTitle).toBe(`infra-bot plan ${STACK} [${run!.inputs.run_id}]`);
  });

  it('a stack too large for the input budget › no stack_json (the run synthesises it), the hash still binds it', async () => {
    const big = stackJson(`acme-${randomBytes(90_000).toString('hex')}`);
    writeFileSync(`${fx.workDir}/cdk.tf.json`, big);
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    await planned();
    expect(repoRuns()[0]!.inputs).toMatchObject({ stack_json: '', stack_hash: sha256Hex(big) });
  });

  it('nothing to change › hasChanges false', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(['no-op']), { hasChanges: false })));
    expect(await planned()).toMatchObject({ ok: true, hasChanges: false });
  });

  it('a destroy plan › dispatched with destroy, and the ticket says so', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(['delete']))));
    const result = await fx.runner().plan({ ...fx.request(), destroy: true });
    if (!result.ok) throw new Error(result.error);
    expect(repoRuns()[0]!.inputs.destroy).toBe('true');
    expect(parsePlanTicket(result.planFile)?.destroy).toBe(true);
  });

  it('a plan without refresh › dispatched with refresh false; the state size the run counted comes back', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(), { refresh: false, stateResources: 9850 })));
    const result = await fx.runner().plan({ ...fx.request(), refresh: false });
    if (!result.ok) throw new Error(result.error);
    expect(repoRuns()[0]!.inputs.refresh).toBe('false');
    expect(result.stateResources).toBe(9850);
  });

  it('a plan without refresh whose run refreshed anyway (an older CLI) › refused, not passed off as asked', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const result = await fx.runner().plan({ ...fx.request(), refresh: false });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('with refresh, not the one asked for') });
  });

  it('GitHub without return_run_details (older Enterprise Server) › the run is found by its name', async () => {
    double.setReturnRunDetails(false);
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    expect(await planned()).toMatchObject({ ok: true, hasChanges: true });
    expect(double.countRequests('GET', /\/actions\/workflows\/infra-bot-terraform\.yml\/runs$/)).toBeGreaterThan(0);
  });

  it('GitHub hiccups while polling › retried until the run completes', async () => {
    double.setWorkflowRunner(async (run) => {
      run.start();
      await new Promise((resolve) => setTimeout(resolve, 80));
      finishWith((r) => planFiles(r))(run);
    });
    double.failNext({ method: 'GET', pathPattern: /\/actions\/runs\/\d+$/, status: 502, times: 3 });
    expect(await planned()).toMatchObject({ ok: true });
  });

  it('a stack with local state › refused before anything is dispatched', async () => {
    const local = runnerFixture(double, JSON.stringify({ terraform: { backend: { local: { path: 'x.tfstate' } } } }));
    try {
      const result = await local.runner().plan(local.request());
      expect(result).toMatchObject({
        ok: false,
        phase: 'init',
        error: expect.stringMatching(/terraform\.stateBucket/),
      });
      expect(double.countRequests('POST', '/dispatches')).toBe(0);
    } finally {
      local.cleanup();
    }
  });

  it('an invalid stack name › a request error, as with the local runner', async () => {
    await expect(fx.runner().plan(fx.request({ stack: '../x' }))).rejects.toThrow(RunnerRequestError);
  });
});

describe('actions runner › the run fails, is cancelled or never starts', () => {
  it('terraform fails in the run › phase, exit code, terraform’s error and the run’s URL', async () => {
    const error = 'Error: No valid credential sources found\n\nPlease see https://registry.terraform.io/…';
    double.setWorkflowRunner(
      finishWith(
        (run) => ({
          'plan.log': `$ terraform plan\n${error}\n`,
          'result.json': planFiles(run)['result.json'].replace(
            '"ok":true',
            `"ok":false,"phase":"plan","exitCode":1,"error":${JSON.stringify(error)}`,
          ),
        }),
        'failure',
      ),
    );
    const result = await fx.runner().plan(fx.request());
    const [run] = repoRuns();
    expect(result).toMatchObject({ ok: false, phase: 'plan', exitCode: 1, timedOut: false, cancelled: false });
    if (result.ok) return;
    expect(result.error).toBe(
      `The GitHub Actions run ${double.url}/acme/${run!.repo}/actions/runs/${run!.id} failed.\n\n${error}`,
    );
    expect(result.log).toContain(error);
  });

  it('the run fails before infra-bot runs (no artifact) › the failed step is named', async () => {
    double.setWorkflowRunner((run) => {
      run.start();
      run.step('Check who dispatched this run', 'success');
      run.step('AWS credentials (OIDC)', 'failure');
      run.complete('failure');
    });
    const result = await fx.runner().plan(fx.request());
    expect(result).toMatchObject({ ok: false, phase: 'plan' });
    if (result.ok) return;
    expect(result.error).toMatch(
      /failed\. It left no results that can be read \(the run uploaded no artifact named infra-bot-\w+\)\./,
    );
    expect(result.error).toMatch(/Failed step: terraform › AWS credentials \(OIDC\)\./);
  });

  it('the run is cancelled (by a person) › cancelled, with the run named', async () => {
    double.setWorkflowRunner(finishWith(() => null, 'cancelled'));
    const result = await fx.runner().plan(fx.request());
    expect(result).toMatchObject({
      ok: false,
      cancelled: true,
      error: expect.stringMatching(/actions\/runs\/\d+ was cancelled\./),
    });
  });

  it('no runner picks the run up › after the start timeout the app cancels it and reports', async () => {
    const result = await fx.runner({ startTimeoutMs: 150 }).plan(fx.request());
    expect(result).toMatchObject({ ok: false, phase: 'init', timedOut: true });
    if (result.ok) return;
    expect(result.error).toMatch(/did not start within 0\.2s .* and was cancelled; nothing ran\./);
    const [run] = repoRuns();
    expect(run).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(double.countRequests('POST', /\/actions\/runs\/\d+\/cancel$/)).toBe(1);
  });

  it('the run starts but never finishes › cancelled at the run’s deadline, the hook sees the cancel', async () => {
    let aborted = false;
    double.setWorkflowRunner((run) => {
      run.start();
      run.signal.addEventListener('abort', () => (aborted = true));
    });
    const result = await fx.runner().plan(fx.request({ timeoutMs: 300 }));
    expect(result).toMatchObject({ ok: false, phase: 'plan', timedOut: true });
    if (result.ok) return;
    expect(result.error).toMatch(/did not finish within the run's 0\.3s deadline and was cancelled\./);
    expect(aborted).toBe(true);
  });

  it('the caller aborts (shutdown) › the run is cancelled and the result says cancelled', async () => {
    double.setWorkflowRunner((run) => run.start());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await fx.runner().plan(fx.request({ signal: controller.signal }));
    expect(result).toMatchObject({ ok: false, cancelled: true });
    expect(repoRuns()[0]).toMatchObject({ conclusion: 'cancelled' });
  });

  it('the workflow file is not on the default branch › says to copy it', async () => {
    double.commit('acme', fx.repo, 'main', { '.github/workflows/infra-bot-terraform.yml': null });
    const result = await fx.runner().plan(fx.request());
    expect(result).toMatchObject({ ok: false, phase: 'init' });
    if (result.ok) return;
    expect(result.error).toMatch(/there is no \.github\/workflows\/infra-bot-terraform\.yml on main\. Copy it/);
  });

  it('an outdated workflow file (inputs refused) › says to copy the current one', async () => {
    double.commit('acme', fx.repo, 'main', {
      '.github/workflows/infra-bot-terraform.yml':
        'name: old\non:\n  workflow_dispatch:\n    inputs:\n      stack: { required: true, type: string }\n',
    });
    const result = await fx.runner().plan(fx.request());
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unexpected inputs provided.*older than this app/s),
    });
  });
});

describe('actions runner › artifacts missing or malformed: reported, never ok', () => {
  const failsWith = async (pattern: RegExp) => {
    const result = await fx.runner().plan(fx.request());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(pattern);
  };

  it('a successful run without an artifact', async () => {
    double.setWorkflowRunner(finishWith(() => null));
    await failsWith(/reported success, but its results cannot be used: the run uploaded no artifact named infra-bot-/);
  });

  it('an artifact that is not a zip', async () => {
    double.setWorkflowRunner(finishWith(() => Buffer.from('this is not a zip archive at all')));
    await failsWith(/could not be read: no end of central directory record/);
  });

  it('a zip with a traversal name', async () => {
    double.setWorkflowRunner(finishWith((run) => zipFiles({ ...planFiles(run), '../../etc/cron.d/x': 'boom' })));
    await failsWith(/unsafe entry name/);
  });

  it('an expired artifact', async () => {
    double.setWorkflowRunner((run) => {
      finishWith((r) => planFiles(r))(run);
      double.expireArtifacts(run.id);
    });
    await failsWith(/has expired/);
  });

  it('an artifact over the size cap', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const result = await fx.runner({ maxArtifactBytes: 100 }).plan(fx.request());
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 100 bytes/) });
  });

  it('plan.json missing', async () => {
    double.setWorkflowRunner(
      finishWith((run) => {
        const files: Record<string, string> = planFiles(run);
        delete files['plan.json'];
        return files;
      }),
    );
    await failsWith(/plan\.json is missing/);
  });

  it('plan.json not JSON', async () => {
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), 'plan.json': '{"format_version": "1.2", ' })));
    await failsWith(/plan JSON is not valid JSON/);
  });

  it('plan.json in another format', async () => {
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), 'plan.json': '{"format_version":"2.0"}' })));
    await failsWith(/format_version "2\.0" is not supported: infra-bot reads formats 0\.1, 0\.2 and 1\.x/);
  });

  it('plan.json that is not the plan result.json describes (digest)', async () => {
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), 'plan.json': planJson(['delete']) })));
    await failsWith(/plan\.json is not the plan result\.json describes/);
  });

  it('result.json missing, not JSON, or in another format', async () => {
    double.setWorkflowRunner(finishWith((run) => ({ 'plan.json': planFiles(run)['plan.json'] })));
    await failsWith(/result\.json is missing/);
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), 'result.json': 'ok' })));
    await failsWith(/result\.json is not JSON/);
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), 'result.json': '{"ok":true}' })));
    await failsWith(/not in infra-bot's result format/);
  });

  it('result.json of another dispatch (a stale or replayed artifact)', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(), { runId: 'someoneelse0000000000' })));
    await failsWith(/belongs to another request/);
  });

  it('result.json for another version of the stack', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(), { stackHash: 'e'.repeat(64) })));
    await failsWith(/planned another version of the stack/);
  });

  it('result.json that denies the plan’s changes', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run, planJson(), { hasChanges: false })));
    await failsWith(/the plan has changes its result denies/);
  });
});

describe('actions runner › apply and destroy', () => {
  it('the approved plan › dispatched with its digest on its commit; an apply result with that digest is ok', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const { planFile } = await planned();
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run), ...applyFiles(run) })));

    const result = await fx.runner().apply({ ...fx.request(), planFile });
    expect(result).toEqual({
      ok: true,
      log: 'Plan: 1 to add, 0 to change, 0 to destroy.\nApply complete! Resources: 1 added, 0 changed, 0 destroyed.\n',
    });
    const applyRun = repoRuns().find((r) => r.inputs.action === 'apply')!;
    expect(applyRun.inputs).toMatchObject({
      action: 'apply',
      sha: fx.sha,
      plan_digest: planDigest(JSON.parse(planJson())),
      destroy: 'false',
      stack_hash: sha256Hex(stackJson()),
    });
  });

  it('an apply result with another digest › failure (something else was applied)', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const { planFile } = await planned();
    double.setWorkflowRunner(finishWith((run) => applyFiles(run, { planDigest: `v1:${'9'.repeat(64)}` })));
    const result = await fx.runner().apply({ ...fx.request(), planFile });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not the approved/) });
  });

  it('success without results › failure that does not claim nothing was applied', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const { planFile } = await planned();
    double.setWorkflowRunner(finishWith(() => null));
    const result = await fx.runner().apply({ ...fx.request(), planFile });
    expect(result).toMatchObject({
      ok: false,
      phase: 'apply',
      error: expect.stringMatching(/Whether terraform applied anything is not known/),
    });
  });

  it('the re-plan in the apply run differs › the run’s refusal is reported', async () => {
    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const { planFile } = await planned();
    const refusal = 'the plan made now (v1:…) differs from the approved plan (v1:…): plan and approve again';
    double.setWorkflowRunner(
      finishWith(
        (run) => ({ ...planFiles(run), ...applyFiles(run, { ok: false, phase: 'setup', error: refusal }) }),
        'failure',
      ),
    );
    const result = await fx.runner().apply({ ...fx.request(), planFile });
    expect(result).toMatchObject({ ok: false, phase: 'init', error: expect.stringContaining(refusal) });
  });

  it('a plan file that is no ticket, or the stack changed since › refused before any dispatch', async () => {
    const local = await fx.runner().apply({ ...fx.request(), planFile: '/data/work/s3-logs.tfplan' });
    expect(local).toMatchObject({ ok: false, error: expect.stringMatching(/not made on GitHub Actions/) });

    double.setWorkflowRunner(finishWith((run) => planFiles(run)));
    const { planFile } = await planned();
    writeFileSync(`${fx.workDir}/cdk.tf.json`, stackJson('acme-other'));
    const dispatches = double.countRequests('POST', '/dispatches');
    const changed = await fx.runner().apply({ ...fx.request(), planFile });
    expect(changed).toMatchObject({
      ok: false,
      error: expect.stringMatching(/The stack changed since it was planned/),
    });
    expect(double.countRequests('POST', '/dispatches')).toBe(dispatches);
  });

  it('destroy › dispatched as destroy; the run’s apply result decides', async () => {
    double.setWorkflowRunner(finishWith((run) => ({ ...planFiles(run, planJson(['delete'])), ...applyFiles(run) })));
    const result = await fx.runner().destroy(fx.request());
    expect(result).toMatchObject({ ok: true });
    expect(repoRuns()[0]!.inputs).toMatchObject({ action: 'destroy', destroy: 'true', plan_digest: '' });
  });
});

describe('actions runner › canary secrets', () => {
  const CANARIES = {
    secret: 'app-secret-CANARY-1b7f',
    token: 'okta-token-CANARY-4e2a',
    key: 'AKIACANARY5555',
    sessionKey: 'aws-secret-CANARY-0c9d/+=',
    session: 'aws-session-CANARY-7a31',
  };
  const request = () =>
    fx.request({
      secrets: [CANARIES.secret],
      extraEnv: { OKTA_API_TOKEN: CANARIES.token },
      credentials: { accessKeyId: CANARIES.key, secretAccessKey: CANARIES.sessionKey, sessionToken: CANARIES.session },
    });
  const leaked = (text: string) =>
    Object.values(CANARIES)
      .flatMap((c) => [c, encodeURIComponent(c)])
      .filter((c) => text.includes(c));

  it.each([
    ['a plan that succeeds', 'success'],
    ['a plan that fails', 'failure'],
  ] as const)(
    '%s with canaries in its logs and results › none in what comes back, what was sent or logged',
    async (_n, conclusion) => {
      const echo = Object.values(CANARIES).join(' ');
      double.setWorkflowRunner(
        finishWith((run) => {
          const files = planFiles(
            run,
            planJson(),
            conclusion === 'success' ? {} : { ok: false, phase: 'plan', exitCode: 1, error: `Error: ${echo}` },
          );
          return { ...files, 'plan.log': `provider debug: ${echo}\nError: failed with ${echo}\n` };
        }, conclusion),
      );
      const result = await fx.runner().plan(request());
      expect(result.ok).toBe(conclusion === 'success');
      expect(leaked(JSON.stringify(result))).toEqual([]);
      expect(JSON.stringify(result)).toContain('(redacted)');
      expect(leaked(JSON.stringify(fx.logs))).toEqual([]);
      expect(leaked(JSON.stringify(double.requests))).toEqual([]);
    },
  );

  it('failures before and after dispatch (timeouts, refusals) › no canary either', async () => {
    const results = [
      await fx.runner({ startTimeoutMs: 50 }).plan(request()),
      await fx.runner().apply({ ...request(), planFile: `x-${CANARIES.secret}` }),
    ];
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(leaked(JSON.stringify(results))).toEqual([]);
    expect(leaked(JSON.stringify(fx.logs))).toEqual([]);
    expect(leaked(JSON.stringify(double.requests))).toEqual([]);
  });
});
