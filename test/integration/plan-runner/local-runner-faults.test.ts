import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createSandbox, isAlive, request, type Sandbox } from './helpers.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

describe('local runner › faults', () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = createSandbox();
  });
  afterEach(() => sb.cleanup());

  /** Plans and applies the stack so that apply/destroy have something to act on. */
  async function applied() {
    const runner = sb.runner();
    const planned = await runner.plan(request(sb));
    if (!planned.ok) throw new Error(planned.error);
    const result = await runner.apply({ ...request(sb), planFile: planned.planFile });
    if (!result.ok) throw new Error(result.error);
    return planned.planFile;
  }

  describe("TF_DOUBLE_FAIL › surfaces Terraform's error block as `error`", () => {
    it.each([
      ['init', 'Error: Failed to query available provider packages'],
      ['plan', 'Error: reading S3 Bucket: operation error S3: HeadBucket'],
      ['show', 'Error: Failed to read the given file as a state or plan file'],
    ] as const)('plan › %s fails › that phase, with "%s"', async (phase, text) => {
      const result = await sb.runner().plan(request(sb, { env: { TF_DOUBLE_FAIL: phase } }));

      expect(result).toMatchObject({ ok: false, phase, exitCode: 1, timedOut: false, cancelled: false });
      if (result.ok) return;
      expect(result.error.startsWith(text)).toBe(true);
      expect(result.error).not.toContain('Warning:');
      expect(result.log).toContain(text);
    });

    it('apply › fails › phase apply with the provider error', async () => {
      const runner = sb.runner();
      const planned = await runner.plan(request(sb));
      if (!planned.ok) throw new Error(planned.error);

      const result = await runner.apply({
        ...request(sb, { env: { TF_DOUBLE_FAIL: 'apply' } }),
        planFile: planned.planFile,
      });

      expect(result).toMatchObject({ ok: false, phase: 'apply', exitCode: 1 });
      if (!result.ok) expect(result.error).toMatch(/^Error: creating S3 Bucket: .*BucketAlreadyExists/);
    });

    it('destroy › fails › phase destroy and the state is kept', async () => {
      await applied();

      const result = await sb.runner().destroy(request(sb, { env: { TF_DOUBLE_FAIL: 'destroy' } }));

      expect(result).toMatchObject({ ok: false, phase: 'destroy', exitCode: 1 });
      if (!result.ok) expect(result.error).toMatch(/^Error: deleting S3 Bucket: .*BucketNotEmpty/);
      expect(Object.keys(sb.state()!.resources)).toHaveLength(2);
    });
  });

  describe('timeout', () => {
    it('hang › SIGINT honoured › stops gracefully before the grace period ends, child gone', async () => {
      const started = Date.now();
      const result = await sb
        .runner({ graceMs: 5000 })
        .plan(request(sb, { timeoutMs: 1500, env: { TF_DOUBLE_HANG: 'plan' } }));
      const elapsed = Date.now() - started;

      expect(result).toMatchObject({ ok: false, phase: 'plan', timedOut: true, cancelled: false, exitCode: 1 });
      if (result.ok) return;
      expect(result.log).toContain('Interrupt received.');
      expect(result.error).toContain('deadline passed');
      expect(elapsed).toBeGreaterThanOrEqual(1500);
      expect(elapsed).toBeLessThan(1500 + 5000);
      const pid = sb.invocations().at(-1)!.pid;
      expect(isAlive(pid)).toBe(false);
    });

    it('hang › SIGINT ignored › SIGKILL after the grace period, child gone', async () => {
      const started = Date.now();
      const result = await sb
        .runner({ graceMs: 700 })
        .plan(request(sb, { timeoutMs: 1200, env: { TF_DOUBLE_HANG: 'plan', TF_DOUBLE_IGNORE_SIGINT: '1' } }));
      const elapsed = Date.now() - started;

      expect(result).toMatchObject({ ok: false, phase: 'plan', timedOut: true, exitCode: null });
      expect(elapsed).toBeGreaterThanOrEqual(1200 + 700);
      expect(elapsed).toBeLessThan(1200 + 700 + 1500);
      if (!result.ok) expect(result.log).toContain('Interrupt received.');
      expect(isAlive(sb.invocations().at(-1)!.pid)).toBe(false);
    });

    it('one deadline spans all phases › phases that each fit still time out together', async () => {
      const result = await sb
        .runner({ graceMs: 500 })
        .plan(request(sb, { timeoutMs: 1200, env: { TF_DOUBLE_DELAY_MS: '450' } }));

      expect(result).toMatchObject({ ok: false, timedOut: true });
      if (!result.ok) expect(['plan', 'show']).toContain(result.phase);
    });

    it('apply › hang › timed out in the apply phase', async () => {
      await applied();
      sb.writeStack({});
      const planned = await sb.runner().plan(request(sb));
      if (!planned.ok) throw new Error(planned.error);

      const result = await sb.runner({ graceMs: 1000 }).apply({
        ...request(sb, { timeoutMs: 1500, env: { TF_DOUBLE_HANG: 'apply' } }),
        planFile: planned.planFile,
      });

      expect(result).toMatchObject({ ok: false, phase: 'apply', timedOut: true });
      expect(isAlive(sb.invocations().at(-1)!.pid)).toBe(false);
    });
  });

  describe('external cancel', () => {
    it('abort during plan › cancelled through the same SIGINT path', async () => {
      const controller = new AbortController();
      const runner = sb.runner({ graceMs: 3000 });
      const pending = runner.plan(request(sb, { signal: controller.signal, env: { TF_DOUBLE_HANG: 'plan' } }));
      setTimeout(() => controller.abort(), 800);

      const result = await pending;

      expect(result).toMatchObject({ ok: false, phase: 'plan', cancelled: true, timedOut: false, exitCode: 1 });
      if (!result.ok) expect(result.log).toContain('Interrupt received.');
      expect(isAlive(sb.invocations().at(-1)!.pid)).toBe(false);
    });

    it('already aborted › starts nothing', async () => {
      const result = await sb.runner().plan(request(sb, { signal: AbortSignal.abort() }));

      expect(result).toMatchObject({ ok: false, phase: 'init', cancelled: true });
      expect(sb.invocations()).toEqual([]);
    });
  });

  describe('output bounds', () => {
    it('10 MB of plan output › log kept to maxLogBytes with an omission marker', async () => {
      const maxLogBytes = 64 * 1024;
      const result = await sb
        .runner({ maxLogBytes })
        .plan(request(sb, { env: { TF_DOUBLE_OUTPUT_BYTES: String(10 * 1024 * 1024) } }));

      expect(result).toMatchObject({ ok: true, hasChanges: true });
      const log = result.log;
      expect(Buffer.byteLength(log)).toBeLessThan(maxLogBytes + 100);
      expect(log).toMatch(/\n… \d+ bytes omitted …\n/);
      const omitted = Number(/… (\d+) bytes omitted …/.exec(log)![1]);
      expect(omitted).toBeGreaterThan(10 * 1024 * 1024 - maxLogBytes);
      expect(log.startsWith('$ ')).toBe(true); // the beginning (init) is kept
      expect(log).toContain('Plan: 2 to add'); // and so is the end
    });

    it('show -json larger than the cap › fails instead of buffering it', async () => {
      const result = await sb.runner({ maxPlanJsonBytes: 512 }).plan(request(sb));

      expect(result).toMatchObject({ ok: false, phase: 'show' });
      if (!result.ok) expect(result.error).toContain('larger than 512 bytes');
    });
  });

  it('missing binary › fails at init saying it could not start', async () => {
    const result = await sb.runner({ binary: '/nonexistent/terraform' }).plan(request(sb));

    expect(result).toMatchObject({ ok: false, phase: 'init', exitCode: null });
    if (!result.ok) expect(result.error).toContain('could not start /nonexistent/terraform');
  });
});

describe('local runner › local state on a multi-replica deployment', () => {
  let sb: Sandbox;
  beforeEach(() => {
    sb = createSandbox();
  });
  afterEach(() => sb.cleanup());

  it.each(['plan', 'destroy'] as const)('%s › refused before terraform runs, naming the fix', async (call) => {
    const result = await sb.runner({ replicas: 3 })[call](request(sb));

    expect(result).toMatchObject({ ok: false, phase: 'init' });
    if (!result.ok) expect(result.error).toMatch(/3 replicas .* local file.*terraform\.stateBucket/s);
    expect(sb.invocations()).toHaveLength(0);
  });

  it('one replica › the same local-state stack plans', async () => {
    const result = await sb.runner({ replicas: 1 }).plan(request(sb));
    expect(result.ok).toBe(true);
  });

  it('several replicas › a stack with an S3 backend is not refused for its state', async () => {
    const json = JSON.parse(readFileSync(join(sb.workDir, 'cdk.tf.json'), 'utf8')) as {
      terraform: { backend: Record<string, unknown> };
    };
    json.terraform.backend = { s3: { bucket: 'acme-state', key: 's3-logs.tfstate', region: 'us-east-1' } };
    writeFileSync(join(sb.workDir, 'cdk.tf.json'), JSON.stringify(json));

    const result = await sb.runner({ replicas: 3 }).plan(request(sb));

    if (!result.ok) expect(result.error).not.toMatch(/replicas/);
    expect(sb.invocations().length).toBeGreaterThan(0);
  });
});
