import { describe, expect, it } from '@jest/globals';
import { loadRepoConfig } from '../../../src/config/load-repo-config.js';
import { DEFAULT_OKTA_MAX_API_CAPACITY } from '../../../src/config/repo-config-schema.js';
import { synthSettingsFrom } from '../../../src/config/synth-settings.js';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';

const where = { repository: 'acme/infra', localStateDir: '/tmp/state' };

const problems = (text: string): string[] => {
  const result = loadRepoConfig(text);
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
};

describe('repo config › okta.maxApiCapacity', () => {
  it('absent › leaves at least half of each Okta rate limit to other integrations', () => {
    const result = loadRepoConfig('specsDir: infra-specs\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(DEFAULT_OKTA_MAX_API_CAPACITY).toBeLessThanOrEqual(50);
    expect(result.config.okta.maxApiCapacity).toBe(DEFAULT_OKTA_MAX_API_CAPACITY);
    expect(synthSettingsFrom(result.config, where).okta).toEqual({ maxApiCapacity: DEFAULT_OKTA_MAX_API_CAPACITY });
  });

  it.each([1, 35, 100])('%d › reaches the synth settings', (capacity) => {
    const result = loadRepoConfig(`okta:\n  maxApiCapacity: ${capacity}\n`);
    expect(result.ok && synthSettingsFrom(result.config, where).okta.maxApiCapacity).toBe(capacity);
  });

  it.each(['0', '101', '-5', '12.5', 'half', '"50"'])(
    '%s › a message naming the key, the range and the line',
    (value) => {
      expect(problems(`specsDir: infra-specs\nokta:\n  maxApiCapacity: ${value}\n`)).toEqual([
        `.github/infra.yml:3:19: okta.maxApiCapacity must be a whole number from 1 to 100 (a percentage of Okta's rate limits)`,
      ]);
    },
  );

  it('an unknown key in the okta section is an error, with a suggestion', () => {
    expect(problems('okta:\n  maxApiCapasity: 40\n')).toEqual([
      expect.stringMatching(
        /^\.github\/infra\.yml:2:3: unknown field "okta\.maxApiCapasity"; did you mean "maxApiCapacity"\?/,
      ),
    ]);
  });
});
