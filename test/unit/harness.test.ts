import { describe, expect, it } from '@jest/globals';

describe('harness', () => {
  it('runs TypeScript tests in ESM mode', async () => {
    const mod = await import('node:path');
    expect(mod.posix.join('a', 'b')).toBe('a/b');
  });
});
