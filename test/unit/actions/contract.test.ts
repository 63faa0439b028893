import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  MAX_STACK_JSON_INPUT,
  decodeStackJson,
  encodeStackJson,
  usesLocalBackend,
} from '../../../src/plan/actions-contract.js';
import { cliTerraformEnv, cliTimeoutMs } from '../../../src/plan/actions-cli-env.js';
import { formatPlanTicket, parsePlanTicket, type PlanTicket } from '../../../src/plan/actions-ticket.js';

const ticket: PlanTicket = {
  owner: 'Acme-Org',
  repo: 'infra.specs',
  stack: 's3-logs',
  sha: 'a'.repeat(40),
  stackHash: 'b'.repeat(64),
  digest: `v1:${'c'.repeat(64)}`,
  destroy: false,
  runId: 123456789,
};

describe('plan tickets', () => {
  it('round trip › every field survives, owner case included', () => {
    const text = formatPlanTicket(ticket);
    expect(text).toBe(
      `infra-bot-actions://Acme-Org/infra.specs/stacks/s3-logs?sha=${'a'.repeat(40)}&stack_hash=${'b'.repeat(64)}` +
        `&digest=v1%3A${'c'.repeat(64)}&destroy=0&run=123456789`,
    );
    expect(parsePlanTicket(text)).toEqual(ticket);
    expect(parsePlanTicket(formatPlanTicket({ ...ticket, destroy: true }))?.destroy).toBe(true);
  });

  it.each([
    ['a local plan file path', '/data/work/acme/infra/pr-1/abc/s3-logs/s3-logs.tfplan'],
    ['another scheme', formatPlanTicket(ticket).replace('infra-bot-actions', 'https')],
    ['a bad digest', formatPlanTicket({ ...ticket, digest: 'v1:xyz' })],
    ['a bad sha', formatPlanTicket({ ...ticket, sha: 'main' })],
    ['a bad stack', formatPlanTicket({ ...ticket, stack: '../etc' })],
    ['a missing run', formatPlanTicket(ticket).replace(/&run=\d+/, '')],
  ])('%s › not a ticket', (_name, text) => {
    expect(parsePlanTicket(text)).toBeUndefined();
  });
});

describe('stack JSON inputs', () => {
  it('round trip through gzip and base64', () => {
    const json = JSON.stringify({ resource: { aws_s3_bucket: { b: { bucket: 'x'.repeat(10_000) } } } }, null, 2);
    const encoded = encodeStackJson(json);
    expect(encoded).toBeDefined();
    expect(encoded!.length).toBeLessThan(1000);
    expect(decodeStackJson(encoded!)).toBe(json);
  });

  it('too large for the input budget even compressed › undefined (the workflow synthesises instead)', () => {
    const json = randomBytes(MAX_STACK_JSON_INPUT).toString('hex');
    expect(encodeStackJson(json)).toBeUndefined();
  });

  it.each([
    ['not base64', 'not base64!'],
    ['base64 of something that is not gzip', Buffer.from('plain').toString('base64')],
  ])('%s › a clear error', (_name, text) => {
    expect(() => decodeStackJson(text)).toThrow(/--stack-json/);
  });
});

describe('usesLocalBackend', () => {
  it.each([
    [{ terraform: { backend: { local: { path: '/data/state/x.tfstate' } } } }, true],
    [{ terraform: {} }, true],
    [{ terraform: { backend: { s3: { bucket: 'acme-tfstate' } } } }, false],
  ])('%j › %s', (config, local) => {
    expect(usesLocalBackend(JSON.stringify(config))).toBe(local);
  });
});

describe('cliTimeoutMs', () => {
  const now = new Date('2026-11-21T12:00:00Z');

  it('the repo timeout, or --timeout, cut short by --not-after', () => {
    expect(cliTimeoutMs(now, '30m', {})).toBe(30 * 60_000);
    expect(cliTimeoutMs(now, '30m', { timeout: '1h' })).toBe(60 * 60_000);
    expect(cliTimeoutMs(now, '30m', { notAfter: '2026-11-21T12:10:00Z' })).toBe(10 * 60_000);
    expect(cliTimeoutMs(now, '30m', { notAfter: '2026-11-21T11:59:00Z' })).toBeLessThan(0);
  });

  it.each([{ timeout: 'soon' }, { notAfter: 'tomorrow' }])('%j › RangeError', (options) => {
    expect(() => cliTimeoutMs(now, '30m', options)).toThrow(RangeError);
  });
});

describe('cliTerraformEnv', () => {
  const env = {
    PATH: '/usr/bin',
    AWS_ACCESS_KEY_ID: 'ASIAOIDCKEY',
    AWS_SECRET_ACCESS_KEY: 'oidc-secret-Canary',
    AWS_SESSION_TOKEN: 'oidc-session-Canary',
    AWS_REGION: 'us-east-1',
    OKTA_ORG_NAME: 'acme',
    OKTA_API_TOKEN: 'okta-token-Canary',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-token-request-Canary',
    SHORT_TOKEN: 'abc',
  };

  it('AWS settings for every stack; Okta only for identity; the runner’s own tokens never', () => {
    expect(cliTerraformEnv(env, 's3-logs').extraEnv).toEqual({
      AWS_ACCESS_KEY_ID: 'ASIAOIDCKEY',
      AWS_SECRET_ACCESS_KEY: 'oidc-secret-Canary',
      AWS_SESSION_TOKEN: 'oidc-session-Canary',
    });
    expect(cliTerraformEnv(env, 'identity').extraEnv).toMatchObject({
      OKTA_ORG_NAME: 'acme',
      OKTA_API_TOKEN: 'okta-token-Canary',
    });
  });

  it('redacts every secret-looking variable of its environment, not the short ones', () => {
    expect(cliTerraformEnv(env, 's3-logs').secrets.sort()).toEqual(
      [
        'ASIAOIDCKEY',
        'id-token-request-Canary',
        'oidc-secret-Canary',
        'oidc-session-Canary',
        'okta-token-Canary',
      ].sort(),
    );
  });
});
