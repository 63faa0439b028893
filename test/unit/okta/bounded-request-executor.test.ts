import { describe, expect, it } from '@jest/globals';
import { createTestClock } from '../../../src/jobs/clock.js';
import { BoundedRequestExecutor } from '../../../src/okta/bounded-request-executor.js';
import { OktaUnavailableError } from '../../../src/okta/errors.js';
import { eqExpression } from '../../../src/okta/sdk-calls.js';

const policy = {
  maxRetries: 3,
  requestTimeoutMs: 1000,
  deadlineMs: 5000,
  clock: createTestClock(),
  sleep: async () => undefined,
};

describe('BoundedRequestExecutor', () => {
  it('a pagination link to another origin › refused before anything is sent (the token stays home)', async () => {
    const executor = new BoundedRequestExecutor('https://acme.okta.com', policy);

    const err = await executor
      .fetch({ url: 'https://evil.example/api/v1/users?after=x', method: 'get', headers: { Authorization: 'SSWS t' } })
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(OktaUnavailableError);
    expect((err as Error).message).toBe('Okta GET /api/v1/users: refused to send a request to https://evil.example');
    expect(executor.stats).toEqual({ apiCalls: 0, retries: 0, rateLimited: 0 });
    executor.close();
  });
});

describe('eqExpression', () => {
  it.each([
    ['a@b.c', 'profile.email eq "a@b.c"'],
    ['x" or status eq "ACTIVE', 'profile.email eq "x\\" or status eq \\"ACTIVE"'],
    ['back\\slash', 'profile.email eq "back\\\\slash"'],
  ])('%j › quotes and backslashes escaped', (value, expected) => {
    expect(eqExpression('profile.email', value)).toBe(expected);
  });
});
