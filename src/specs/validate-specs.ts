import { loadRepoConfig } from '../config/load-repo-config.js';
import { REPO_CONFIG_PATH, defaultRepoConfig } from '../config/repo-config-schema.js';
import type { RepoConfig } from '../config/repo-config-schema.js';
import { checkCrossSpecs } from './check-cross-specs.js';
import { checkPolicy } from './check-policy.js';
import { checkSpec } from './check-spec.js';
import { compareDiagnostics, isError, uniqueDiagnostics } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { loadSpecFile } from './load-spec-file.js';
import type { IntentSpec } from './model.js';
import type { CheckedSpec } from './partial-spec.js';
import { DiagnosticSink } from './report.js';
import { resolveSpec } from './resolve-spec.js';
import { salvageSpec } from './salvage-spec.js';
import { MAX_SPEC_FILE_BYTES } from './yaml-file.js';

/** A file as read from disk or from a commit. */
export interface SourceFile {
  path: string;
  content: string;
  /** Real size in bytes when the reader stopped early at the size cap. */
  size?: number;
}

export interface ValidationInput {
  /** Spec files (already filtered to the specs folder and .yaml/.yml). */
  files: readonly SourceFile[];
  /** `.github/infra.yml` text; undefined when the repository has none. */
  configText?: string;
  configPath?: string;
  now: Date;
}

export interface ValidationResult {
  ok: boolean;
  specs: IntentSpec[];
  diagnostics: Diagnostic[];
  config: RepoConfig;
  /** Whether the repo config was valid (policy checks only run when it was). */
  configOk: boolean;
}

export const MAX_SPEC_FILES = 20_000;

/**
 * YAML → schema → per-spec checks → cross-spec checks → policy. Every problem is reported, not only the first: a
 * spec that fails its schema still goes through every later check with the fields that are valid on their own.
 */
export function validateSpecs(input: ValidationInput): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const configResult = loadRepoConfig(input.configText, input.configPath ?? REPO_CONFIG_PATH);
  const config = configResult.ok ? configResult.config : defaultRepoConfig();
  if (!configResult.ok) diagnostics.push(...configResult.diagnostics);

  const files = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length > MAX_SPEC_FILES) {
    diagnostics.push({
      file: config.specsDir,
      line: 1,
      column: 1,
      path: '',
      message: `${files.length} spec files found; at most ${MAX_SPEC_FILES} are supported in one repository`,
      severity: 'error',
    });
    return finish([], diagnostics, config, configResult.ok);
  }
  const sink = new DiagnosticSink();
  const checked: CheckedSpec[] = [];
  const complete: IntentSpec[] = [];
  for (const file of files) {
    if (file.size !== undefined && file.size > MAX_SPEC_FILE_BYTES) {
      diagnostics.push({
        file: file.path,
        line: 1,
        column: 1,
        path: '',
        message: `file is ${file.size} bytes; spec files are limited to ${MAX_SPEC_FILE_BYTES} bytes`,
        severity: 'error',
      });
      continue;
    }
    const loaded = loadSpecFile(file.path, file.content);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      if (loaded.partial) {
        const spec = salvageSpec(loaded.partial.kind, loaded.partial, config);
        checkSpec(loaded.partial, spec, sink, input.now);
        checked.push({ loaded: loaded.partial, spec });
      }
      continue;
    }
    const spec = resolveSpec(loaded.spec, config);
    checkSpec(loaded.spec, spec, sink, input.now);
    checked.push({ loaded: loaded.spec, spec });
    complete.push(spec);
  }
  checkCrossSpecs(checked, config, sink);
  if (configResult.ok) checkPolicy(checked, config, sink, input.now);
  diagnostics.push(...sink.diagnostics);
  return finish(complete, diagnostics, config, configResult.ok);
}

function finish(
  specs: IntentSpec[],
  diagnostics: Diagnostic[],
  config: RepoConfig,
  configOk: boolean,
): ValidationResult {
  const unique = uniqueDiagnostics(diagnostics).sort(compareDiagnostics);
  const ok = !unique.some(isError);
  return { ok, specs: ok ? sortSpecs(specs) : [], diagnostics: unique, config, configOk };
}

const sortSpecs = (specs: IntentSpec[]): IntentSpec[] =>
  specs.sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));

/** Whether a repo path is a spec file inside the specs folder. */
export const isSpecPath = (path: string, specsDir: string): boolean =>
  path.startsWith(`${specsDir.replace(/\/+$/, '')}/`) && /\.ya?ml$/i.test(path);
