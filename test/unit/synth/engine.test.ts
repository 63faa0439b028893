import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { createApp, engine, withoutStackTraces } from '../../../src/synth/engine.js';
import { synthesize } from '../../../src/synth/synthesize.js';
import { withTokenScope } from '../../../src/synth/token-scope.js';
import { bucket, ec2, group, role, s3Settings, user } from './fixtures.js';

const tokenMap = () =>
  (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<unknown, unknown> } }).__cdktfTokenMap?.stringTokenMap;
const tokenCount = () => tokenMap()?.size ?? -1;
const specs = () => [group('admins'), user('bruce', { groups: ['admins'] }), role('admin'), ec2('box'), bucket('logs')];

describe('engine', () => {
  it('stack traces › turned off inside, restored after', () => {
    const { captureStackTrace, prepareStackTrace } = Error;
    const inside = withoutStackTraces(() => {
      const probe = { stack: '' };
      Error.captureStackTrace(probe);
      return probe.stack;
    });
    expect(inside).toBe('');
    expect(Error.captureStackTrace).toBe(captureStackTrace);
    expect(Error.prepareStackTrace).toBe(prepareStackTrace);
  });

  it('stack traces › restored when the work throws', () => {
    const { captureStackTrace } = Error;
    expect(() =>
      withoutStackTraces(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Error.captureStackTrace).toBe(captureStackTrace);
  });

  it('tokens › a synthesis leaves no CDKTF tokens behind (memory stays flat in a long-running app)', () => {
    synthesize(specs(), { settings: s3Settings });
    const before = tokenCount();
    expect(before).toBeGreaterThanOrEqual(0);
    const first = synthesize(specs(), { settings: s3Settings });
    expect(tokenCount()).toBe(before);
    expect(synthesize(specs(), { settings: s3Settings })).toEqual(first);
  });

  it('tokens › forgotten even when synthesis fails', () => {
    synthesize(specs(), { settings: s3Settings });
    const before = tokenCount();
    expect(() => synthesize([user('bruce', { groups: ['ghosts'] })], { settings: s3Settings })).toThrow();
    expect(tokenCount()).toBe(before);
  });

  it('tokens › tokens registered inside the scope are forgotten, older ones kept', () => {
    const { TerraformStack, aws } = engine();
    const stack = new TerraformStack(createApp(), 'probe');
    const kept = new aws.S3Bucket(stack, 'kept', {}).id;
    const before = tokenCount();
    const inner = withTokenScope(() => {
      const id = new aws.S3Bucket(stack, 'scoped', {}).arn;
      expect(tokenCount()).toBeGreaterThan(before);
      return id;
    });
    expect(tokenCount()).toBe(before);
    const keyOf = (token: string) => /TfToken\[([^\]]+)\]/.exec(token)?.[1];
    expect(tokenMap()?.has(keyOf(kept))).toBe(true);
    expect(tokenMap()?.has(keyOf(inner))).toBe(false);
  });

  it('app › nothing is left in the working directory or the temp directory', () => {
    const cdktfDirs = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('infra-bot-cdktf-'));
    const before = fs.readdirSync(process.cwd()).sort();
    synthesize(specs(), { settings: s3Settings });
    expect(fs.readdirSync(process.cwd()).sort()).toEqual(before);
    expect(cdktfDirs()).toEqual([]);
  });
});
