import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { REDACTED, redactSecrets } from '../../../src/logging/redact.js';
import { CANARIES, EXTRA_SECRET, leakedCanaries } from './canaries.js';

describe('redactSecrets › each token shape', () => {
  it.each([
    ['GitHub installation token', `token ${CANARIES.githubInstallation} used`, `token ghs_${REDACTED} used`],
    ['GitHub personal token', `GITHUB_TOKEN=${CANARIES.githubPersonal}`, `GITHUB_TOKEN=ghp_${REDACTED}`],
    ['GitHub fine-grained token', `pat ${CANARIES.githubFineGrained}.`, `pat github_pat_${REDACTED}.`],
    ['Slack bot token', `slack: ${CANARIES.slackBot}`, `slack: xoxb-${REDACTED}`],
    ['Slack user token', `${CANARIES.slackUser}`, `xoxp-${REDACTED}`],
    ['Okta SSWS header', `Authorization: SSWS ${CANARIES.oktaToken}`, `Authorization: SSWS ${REDACTED}`],
    ['Okta SSWS in prose', `sent SSWS ${CANARIES.oktaToken} to okta`, `sent SSWS ${REDACTED} to okta`],
    ['Bearer header', `authorization: Bearer ${CANARIES.bearer}`, `authorization: Bearer ${REDACTED}`],
    ['token header (Octokit)', `"authorization":"token ${CANARIES.bearer}"`, `"authorization":"token ${REDACTED}"`],
    ['JWT', `jwt=${CANARIES.jwt} next`, 'jwt=[REDACTED JWT] next'],
    ['Cookie header, every pair', `Cookie: a=1; session=${CANARIES.bearer}\nnext`, `Cookie: ${REDACTED}\nnext`],
    ['Cookie in JSON', `{"cookie":"a=1; s=${CANARIES.bearer}","x":1}`, `{"cookie":"${REDACTED}","x":1}`],
    [
      'AWS secret key in ini',
      `aws_secret_access_key = ${CANARIES.awsSecretKey}\n`,
      `aws_secret_access_key = ${REDACTED}\n`,
    ],
    [
      'AWS secret key in JSON',
      `{"SecretAccessKey":"${CANARIES.awsSecretKey}","x":1}`,
      `{"SecretAccessKey":"${REDACTED}","x":1}`,
    ],
    [
      'AWS secret key, short value in env form',
      'AWS_SECRET_ACCESS_KEY=e2e-ambient-secret',
      `AWS_SECRET_ACCESS_KEY=${REDACTED}`,
    ],
    ['AWS secret key alone', `key ${CANARIES.awsSecretKey} end`, `key ${REDACTED} end`],
    ['AWS session token', `SessionToken: ${CANARIES.awsSessionToken}`, `SessionToken: ${REDACTED}`],
    ['AWS session token alone', `tok ${CANARIES.awsSessionToken}`, `tok ${REDACTED}`],
    [
      'password in a database URL',
      `postgres://app:${CANARIES.databasePassword}@db:5432/x`,
      `postgres://app:${REDACTED}@db:5432/x`,
    ],
  ])('%s › masked', (_name, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('a PEM private key › the whole block, BEGIN to END', () => {
    const text = `key:\n${CANARIES.privateKey}after`;
    expect(redactSecrets(text)).toBe('key:\n[REDACTED PRIVATE KEY]\nafter');
  });

  it('a PEM private key cut short (a truncated log) › masked to the end', () => {
    const text = `k=${CANARIES.privateKey.slice(0, 200)}`;
    expect(redactSecrets(text)).toBe('k=[REDACTED PRIVATE KEY]');
  });

  it('a PEM private key in base64 (PRIVATE_KEY can be given so) › masked', () => {
    const text = `PRIVATE_KEY=${Buffer.from(CANARIES.privateKey).toString('base64')}`;
    expect(redactSecrets(text)).toBe('PRIVATE_KEY=[REDACTED PRIVATE KEY]');
  });

  it('an extra secret › masked as is and in its JSON-escaped spellings', () => {
    const once = JSON.stringify({ body: `x ${EXTRA_SECRET} y` });
    const twice = JSON.stringify({ line: once });
    for (const text of [`raw ${EXTRA_SECRET}`, once, twice]) {
      const out = redactSecrets(text, [EXTRA_SECRET]);
      expect(leakedCanaries(out)).toEqual([]);
    }
    expect(JSON.parse(redactSecrets(once, [EXTRA_SECRET]))).toEqual({ body: `x ${REDACTED} y` });
  });

  it('extra secrets shorter than 4 characters › ignored (they would mask ordinary words)', () => {
    expect(redactSecrets('the cat sat', ['at', ''])).toBe('the cat sat');
  });

  it('ordinary text › unchanged (git SHAs, delivery ids, access key ids, words like "token")', () => {
    const text =
      'sha 3f786850e387550fdab836ed7e6dc881de23001b delivery 9b2d7a30-1c2e-11ef-9a2e-0242ac120002 ' +
      'AKIAIOSFODNN7EXAMPLE token expired; AWS_SECRET_ACCESS_KEY is required';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactSecrets › inside JSON lines', () => {
  it('every canary in a JSON log line › none left, and the line is still valid JSON', () => {
    const line = JSON.stringify({
      msg: `calling with ${CANARIES.githubInstallation}`,
      headers: { authorization: `token ${CANARIES.githubInstallation}`, 'x-okta': `SSWS ${CANARIES.oktaToken}` },
      env: `AWS_SECRET_ACCESS_KEY=${CANARIES.awsSecretKey} AWS_SESSION_TOKEN=${CANARIES.awsSessionToken}`,
      key: CANARIES.privateKey,
      nested: JSON.stringify({ slack: CANARIES.slackBot, jwt: CANARIES.jwt, pat: CANARIES.githubFineGrained }),
      url: `postgres://u:${CANARIES.databasePassword}@h/db`,
      extra: EXTRA_SECRET,
    });
    const out = redactSecrets(line, [EXTRA_SECRET]);
    expect(leakedCanaries(out)).toEqual([]);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('property › any JSON line stays valid JSON after redaction, and a planted canary is always masked', () => {
    const canary = fc.constantFrom(
      CANARIES.githubInstallation,
      CANARIES.slackBot,
      `SSWS ${CANARIES.oktaToken}`,
      CANARIES.jwt,
      CANARIES.privateKey,
      `aws_secret_access_key=${CANARIES.awsSecretKey}`,
      `Bearer ${CANARIES.bearer}`,
      EXTRA_SECRET,
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), canary, fc.string(), (value, before, secret, after) => {
        const line = JSON.stringify({ value, text: `${before} ${secret} ${after}` });
        const out = redactSecrets(line, [EXTRA_SECRET]);
        expect(() => JSON.parse(out)).not.toThrow();
        expect(leakedCanaries(out)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('property › redaction is idempotent (a masked value is never masked again into garbage)', () => {
    const pieces = fc.constantFrom(
      ...Object.values(CANARIES),
      `Authorization: SSWS ${CANARIES.oktaToken}`,
      `"authorization":"token ${CANARIES.githubInstallation}"`,
      `aws_secret_access_key=${CANARIES.awsSecretKey}`,
      EXTRA_SECRET,
      ' ',
      '"',
      ':',
      'x',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const once = redactSecrets(parts.join(''), [EXTRA_SECRET]);
        expect(redactSecrets(once, [EXTRA_SECRET])).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
