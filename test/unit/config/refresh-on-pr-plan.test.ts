import { describe, expect, it } from '@jest/globals';
import { loadRepoConfig } from '../../../src/config/load-repo-config.js';
import { formatDiagnostic } from '../../../src/specs/diagnostic.js';

describe('repo config › terraform.refreshOnPrPlan', () => {
  it('absent › auto (the identity stack spares Okta, AWS stacks refresh)', () => {
    const result = loadRepoConfig('specsDir: infra-specs\n');
    expect(result.ok && result.config.terraform.refreshOnPrPlan).toBe('auto');
  });

  it.each(['auto', 'always', 'never'])('%s › accepted as written', (value) => {
    const result = loadRepoConfig(`terraform:\n  refreshOnPrPlan: ${value}\n`);
    expect(result.ok && result.config.terraform.refreshOnPrPlan).toBe(value);
  });

  it.each(['sometimes', 'true', 'false', 'Auto', '1'])(
    '%s › a message naming the key, the choices and the line',
    (value) => {
      const result = loadRepoConfig(`specsDir: infra-specs\nterraform:\n  refreshOnPrPlan: ${value}\n`);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const text = result.diagnostics.map(formatDiagnostic).join('\n');
      expect(text).toContain('terraform.refreshOnPrPlan must be auto, always or never');
      expect(text).toMatch(/:3\b/);
    },
  );
});
