import { describe, expect, it } from '@jest/globals';
import { coalesce } from '../../../src/jobs/coalesce.js';

const turnEnded = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('coalesce', () => {
  it('calls once for the calls of one turn, microtasks included, and only when the turn ends', async () => {
    let calls = 0;
    const wake = coalesce(() => (calls += 1));
    wake();
    wake();
    await Promise.resolve().then(wake);
    await Promise.resolve().then(wake);
    expect(calls).toBe(0);
    await turnEnded();
    expect(calls).toBe(1);
  });

  it('calls again for a call made after the previous one ran', async () => {
    let calls = 0;
    const wake = coalesce(() => (calls += 1));
    wake();
    await turnEnded();
    wake();
    await turnEnded();
    expect(calls).toBe(2);
  });
});
