import { describe, expect, it } from '@jest/globals';
import { loadRepoConfig } from '../../../src/config/load-repo-config.js';

describe('repo config › policy.maxMonthlyCostIncrease', () => {
  it('a number of dollars › kept; absent › no limit', () => {
    const set = loadRepoConfig('policy:\n  maxMonthlyCostIncrease: 50\n');
    expect(set.ok && set.config.policy.maxMonthlyCostIncrease).toBe(50);
    const absent = loadRepoConfig('policy:\n  maxTtl: 7d\n');
    expect(absent.ok && absent.config.policy.maxMonthlyCostIncrease).toBeUndefined();
  });

  it.each([
    ['-5', 'policy.maxMonthlyCostIncrease must be 0 or more'],
    ['"fifty"', 'policy.maxMonthlyCostIncrease must be a number of US dollars'],
  ])('%s › a clear message at the line', (value, message) => {
    const result = loadRepoConfig(`policy:\n  maxMonthlyCostIncrease: ${value}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual([[2, message]]);
  });
});
