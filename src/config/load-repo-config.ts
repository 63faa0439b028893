import type { Diagnostic } from '../specs/diagnostic.js';
import { parseYamlFile } from '../specs/yaml-file.js';
import { zodIssuesToDiagnostics } from '../specs/zod-diagnostics.js';
import { REPO_CONFIG_PATH, defaultRepoConfig, repoConfigSchema } from './repo-config-schema.js';
import type { RepoConfig } from './repo-config-schema.js';

export type RepoConfigResult =
  { ok: true; config: RepoConfig; present: boolean } | { ok: false; diagnostics: Diagnostic[] };

/** Parses `.github/infra.yml` text (undefined: the file is absent, so defaults apply). */
export function loadRepoConfig(text: string | undefined, file = REPO_CONFIG_PATH): RepoConfigResult {
  if (text === undefined || text.trim() === '') return { ok: true, config: defaultRepoConfig(), present: false };
  const parsed = parseYamlFile(file, text);
  if (!parsed.ok) return parsed;
  const value = parsed.parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      diagnostics: [
        { file, line: 1, column: 1, path: '', message: 'the repo config must be a YAML mapping', severity: 'error' },
      ],
    };
  }
  const result = repoConfigSchema.safeParse(value);
  if (!result.success) {
    return { ok: false, diagnostics: zodIssuesToDiagnostics(result.error.issues, parsed.parsed, repoConfigSchema) };
  }
  return { ok: true, config: result.data, present: true };
}
