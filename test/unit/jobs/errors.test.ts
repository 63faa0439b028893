import { describe, expect, it } from '@jest/globals';
import { LeaseLostError, PermanentJobError, WorkerStoppingError, describeJobError } from '../../../src/jobs/errors.js';

describe('job errors', () => {
  it('carry stable codes', () => {
    expect(new PermanentJobError('bad payload')).toMatchObject({
      code: 'job-permanent-failure',
      name: 'PermanentJobError',
    });
    expect(new LeaseLostError('7')).toMatchObject({ code: 'job-lease-lost' });
    expect(new WorkerStoppingError()).toMatchObject({ code: 'worker-stopping' });
    expect(new PermanentJobError('x', { cause: new Error('root') }).cause).toBeInstanceOf(Error);
  });

  it.each([
    [new Error('plain'), 'plain'],
    [new PermanentJobError('spec gone'), 'job-permanent-failure: spec gone'],
    [Object.assign(new Error('ECONNRESET: socket hang up'), { code: 'ECONNRESET' }), 'ECONNRESET: socket hang up'],
    ['a string', 'a string'],
    [undefined, 'undefined'],
  ])('describes %p as %p (no stack)', (error, text) => {
    expect(describeJobError(error)).toBe(text);
  });

  it('cuts an enormous message', () => {
    const text = describeJobError(new Error('x'.repeat(10_000)));
    expect(text).toHaveLength(4001);
    expect(text.endsWith('…')).toBe(true);
  });
});
