import { describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../../src/github/octokit.js';
import { loadSpecsAt } from '../../../src/workflow/load-specs-at.js';
import { readRepositoryAt } from '../../../src/workflow/read-repository-at.js';
import { MAX_SPEC_FILES } from '../../../src/specs/validate-specs.js';
import { writeTarGz } from '../../doubles/github/tar-writer.js';

const target = { owner: 'acme', repo: 'infra' };
const bucket = (name: string) =>
  `apiVersion: infra-bot/v1\nkind: S3Bucket\nmetadata:\n  name: ${name}\n  owner: "@alice"\nspec:\n  region: eu-west-1\n`;

/** A GitHub double for one commit: the tarball (counted) and Probot's shared-config lookup (nothing shared). */
function repository(files: Record<string, string>, shared?: Record<string, unknown>) {
  const calls = { tarball: 0 };
  const archive = writeTarGz(
    Object.entries(files).map(([path, content]) => ({ path: `acme-infra-abc/${path}`, content })),
  );
  const octokit = {
    request: async () => {
      calls.tarball++;
      return { status: 200, headers: {}, data: archive };
    },
    config: {
      get: async () => ({ config: shared ?? {}, files: [{ path: '.github/infra.yml', config: shared ?? null }] }),
    },
  } as unknown as GitHubClient;
  return { octokit, calls };
}

const specsIn = (dir: string) => ({
  [`${dir}/a.yaml`]: bucket('alpha'),
  [`infra-specs/decoy.yaml`]: bucket('decoy'),
});

describe('readRepositoryAt', () => {
  it.each([
    ['a trailing comment', 'specsDir: specs # where the specs live\n'],
    ['flow style', '{ specsDir: specs }\n'],
    ['a double-quoted value', 'specsDir: "specs"\n'],
    ['a single-quoted value with a comment', "specsDir: 'specs' # ours\n"],
    ['a key after other keys', 'approvals:\n  required: 1\nspecsDir: specs\n'],
  ])('specsDir with %s › specs come from that folder, in one download', async (_name, config) => {
    const { octokit, calls } = repository({ '.github/infra.yml': config, ...specsIn('specs') });
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.config.ok).toBe(true);
    expect(read.specsDir).toBe('specs');
    expect(read.specFiles.map((file) => file.path)).toEqual(['specs/a.yaml']);
    expect(calls.tarball).toBe(1);
  });

  it('no config in the repository or the organisation › the default folder', async () => {
    const { octokit } = repository(specsIn('specs'));
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.config).toMatchObject({ ok: true, present: false });
    expect(read.specsDir).toBe('infra-specs');
    expect(read.specFiles.map((file) => file.path)).toEqual(['infra-specs/decoy.yaml']);
  });

  it("the organisation's shared config › its specsDir is used", async () => {
    const { octokit } = repository(specsIn('specs'), { specsDir: 'specs' });
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.specsDir).toBe('specs');
    expect(read.specFiles.map((file) => file.path)).toEqual(['specs/a.yaml']);
  });

  it('an invalid config › an error with its line, no specs read from a guessed folder', async () => {
    const { octokit } = repository({ '.github/infra.yml': 'specsDir: ../outside\n', ...specsIn('specs') });
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.config.ok).toBe(false);
    if (read.config.ok) return;
    expect(read.config.diagnostics[0]).toMatchObject({ file: '.github/infra.yml', line: 1 });
    expect(read.config.diagnostics[0]?.message).toMatch(/specsDir/);
    expect(read.specFiles).toEqual([]);
  });

  it('config that is not YAML › reported, not defaulted', async () => {
    const { octokit } = repository({ '.github/infra.yml': 'specsDir: [unclosed\n', ...specsIn('specs') });
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.config.ok).toBe(false);
    expect(read.specsDir).toBe('');
  });

  it('an explicit folder (a head read against its base) › overrides the commit’s own', async () => {
    const { octokit } = repository({ '.github/infra.yml': 'specsDir: specs\n', ...specsIn('specs') });
    const read = await readRepositoryAt(octokit, target, 'abc', { specsDir: 'infra-specs' });
    expect(read.specFiles.map((file) => file.path)).toEqual(['infra-specs/decoy.yaml']);
  });
});

describe('loadSpecsAt', () => {
  it('an invalid config › validation fails with the config problem and no specs, defaults only as a fallback', async () => {
    const { octokit } = repository({ '.github/infra.yml': 'specsDir: 42\nbogus: true\n', ...specsIn('infra-specs') });
    const loaded = await loadSpecsAt(octokit, target, 'abc', new Date('2030-01-01T00:00:00Z'));
    expect(loaded.validation.ok).toBe(false);
    expect(loaded.validation.specs).toEqual([]);
    expect(loaded.configProblems.length).toBeGreaterThan(0);
    expect(loaded.validation.diagnostics.map((d) => d.file)).toContain('.github/infra.yml');
  });

  it('specsDir with a comment › the specs of that folder validate', async () => {
    const { octokit } = repository({ '.github/infra.yml': 'specsDir: specs # here\n', ...specsIn('specs') });
    const loaded = await loadSpecsAt(octokit, target, 'abc', new Date('2030-01-01T00:00:00Z'));
    expect(loaded.validation.diagnostics).toEqual([]);
    expect(loaded.validation.specs.map((spec) => spec.metadata.name)).toEqual(['alpha']);
    expect(loaded.config.specsDir).toBe('specs');
  });

  it('more spec files than the cap › every one is passed on, so the validation message names the real count', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < MAX_SPEC_FILES + 5; index++) files[`infra-specs/b${index}.yaml`] = 'x: 1\n';
    const { octokit } = repository(files);
    const read = await readRepositoryAt(octokit, target, 'abc');
    expect(read.specFiles).toHaveLength(MAX_SPEC_FILES + 5);
  });
});
