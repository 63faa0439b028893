// The jest set-up bounds every property in time, so a slow shrink fails the run instead of hanging CI.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

describe('fast-check in this suite', () => {
  it('every property is interrupted after 60 s, and an interrupted property fails', () => {
    expect(fc.readConfigureGlobal()).toMatchObject({ interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
  });
});
