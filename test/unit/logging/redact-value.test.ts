import { describe, expect, it } from '@jest/globals';
import { REDACTED } from '../../../src/logging/redact.js';
import { redactValue } from '../../../src/logging/redact-value.js';
import { CANARIES, EXTRA_SECRET, leakedCanaries } from './canaries.js';

const text = (value: unknown) => JSON.stringify(value);

describe('redactValue', () => {
  it('nested objects and arrays › every string redacted, structure kept', () => {
    const out = redactValue({
      a: [{ note: `uses ${CANARIES.slackBot}` }, 3, true, null],
      b: { c: { d: `SSWS ${CANARIES.oktaToken}` } },
    });
    expect(out).toEqual({
      a: [{ note: `uses xoxb-${REDACTED}` }, 3, true, null],
      b: { c: { d: `SSWS ${REDACTED}` } },
    });
  });

  it('credential-named keys › masked whatever the value looks like', () => {
    const out = redactValue({
      headers: { Authorization: 'plain', cookie: 'session=abc', accept: 'json' },
      password: 'hunter22',
      token: 'opaque',
      privateKey: 'x',
      tokenType: 'bearer',
    });
    expect(out).toEqual({
      headers: { Authorization: REDACTED, cookie: REDACTED, accept: 'json' },
      password: REDACTED,
      token: REDACTED,
      privateKey: REDACTED,
      tokenType: 'bearer',
    });
  });

  it('extra secrets › masked in nested values and arrays', () => {
    const out = redactValue({ list: [`a ${EXTRA_SECRET}`], deep: { x: EXTRA_SECRET } }, [EXTRA_SECRET]);
    expect(leakedCanaries(text(out))).toEqual([]);
  });

  it('an error with a cause and own fields › type, message, stack, fields and cause, all redacted', () => {
    const cause = new Error(`upstream said ${CANARIES.githubInstallation}`);
    const error = Object.assign(new Error(`failed with ${CANARIES.jwt}`, { cause }), {
      code: 'E_FAIL',
      request: { headers: { authorization: `token ${CANARIES.githubInstallation}` } },
    });
    const out = redactValue({ err: error }) as { err: Record<string, unknown> };
    expect(out.err).toMatchObject({ type: 'Error', message: 'failed with [REDACTED JWT]', code: 'E_FAIL' });
    expect(out.err.stack).toEqual(expect.stringContaining('failed with [REDACTED JWT]'));
    expect(out.err.request).toEqual({ headers: { authorization: REDACTED } });
    expect((out.err.cause as { message: string }).message).toBe(`upstream said ghs_${REDACTED}`);
    expect(leakedCanaries(text(out))).toEqual([]);
  });

  it('cycles, depth, long strings, many keys, Dates, Buffers, Maps › bounded and JSON-friendly', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    let deep: Record<string, unknown> = { leaf: CANARIES.slackBot };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]));
    const out = redactValue(
      {
        loop,
        deep,
        long: `${'x'.repeat(20_000)}${CANARIES.githubPersonal}`,
        many,
        at: new Date('2026-01-02T03:04:05Z'),
        bytes: Buffer.from(CANARIES.githubPersonal),
        map: new Map([['k', CANARIES.slackUser]]),
      },
      [],
      { maxDepth: 8, maxEntries: 100, maxString: 1000 },
    ) as Record<string, unknown>;
    expect((out.loop as Record<string, unknown>).self).toBe('[Circular]');
    expect(text(out.deep)).toContain('[Object]');
    expect((out.long as string).length).toBeLessThan(1100);
    expect(Object.keys(out.many as object)).toHaveLength(101);
    expect(out.at).toBe('2026-01-02T03:04:05.000Z');
    expect(out.bytes).toBe('[Buffer 39 bytes]');
    expect(out.map).toEqual({ k: `xoxp-${REDACTED}` });
    expect(leakedCanaries(text(out))).toEqual([]);
  });

  it('the same object twice (not a cycle) › both copies kept', () => {
    const shared = { v: 1 };
    expect(redactValue({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });
});

describe('redactValue › hostile inputs', () => {
  it('a throwing getter › that field reads [unreadable], the rest is kept', () => {
    const value = {
      ok: 1,
      get broken(): never {
        throw new Error('no');
      },
    };
    expect(redactValue(value)).toEqual({ ok: 1, broken: '[unreadable]' });
  });
});
