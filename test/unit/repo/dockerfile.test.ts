// The image must build from the lockfile exactly (`npm ci`) and trust only signed tool downloads.
import { describe, expect, it } from '@jest/globals';
import { repoFile } from './repo-files.js';

/** The Dockerfile's RUN instructions, continuation lines joined. */
function runInstructions(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^RUN\s/.test(line));
}

describe('Dockerfile', () => {
  const dockerfile = repoFile('Dockerfile');
  const runs = runInstructions(dockerfile);

  it('npm › installs with npm ci only, never npm install (which may rewrite the lockfile)', () => {
    const npm = runs.filter((run) => /\bnpm\s/.test(run));
    expect(npm.some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    for (const run of runs) expect(run).not.toMatch(/\bnpm\s+(install|i|add)\b/);
  });

  it('npm › the lockfile is copied before the install', () => {
    const copy = dockerfile.indexOf('COPY package.json package-lock.json');
    expect(copy).toBeGreaterThan(-1);
    expect(copy).toBeLessThan(dockerfile.indexOf('npm ci'));
  });

  it('downloads › terraform and tofu are checked against a signed SHA256SUMS by a pinned key', () => {
    for (const [tool, key] of [
      ['terraform', 'HASHICORP_KEY_FINGERPRINT'],
      ['tofu', 'OPENTOFU_KEY_FINGERPRINT'],
    ] as const) {
      const run = runs.find((r) => r.includes(`unzip "$zip" ${tool}`));
      expect(run).toBeDefined();
      expect(run).toContain('--verify');
      expect(run).toContain(`VALIDSIG .* \${${key}}`);
      expect(run).toMatch(/sha256sum -c -/);
      expect(dockerfile).toMatch(new RegExp(`^ARG ${key}=[0-9A-F]{40}$`, 'm'));
    }
  });

  it('runtime › runs on Node 24 as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=24\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/^USER infrabot$/m);
  });
});
