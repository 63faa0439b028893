import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { CliPathError } from './cli-errors.js';

/** `label` names the option as the user gave it (`--dir /x/specs`); relative paths are relative to `cwd`. */
export function existingDirectory(cwd: string, path: string, label: string): string {
  const full = resolve(cwd, path);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (stat === undefined) throw new CliPathError(`${label}: no such directory`);
  if (!stat.isDirectory()) throw new CliPathError(`${label}: not a directory`);
  return full;
}

/** The file's text; a missing file, a folder or an unreadable file is a CliPathError naming `label`. */
export function readExistingFile(cwd: string, path: string, label: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new CliPathError(`${label}: no such file`);
    if (code === 'EISDIR') throw new CliPathError(`${label}: is a directory, not a file`);
    throw new CliPathError(`${label}: cannot read it (${code ?? (error as Error).message})`);
  }
}

/** The repo config's text: --config must exist; the default `.github/infra.yml` may be absent (undefined). */
export function readConfigText(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) return readExistingFile(cwd, explicit, `--config ${explicit}`);
  const stat = statSync(resolve(cwd, REPO_CONFIG_PATH), { throwIfNoEntry: false });
  return stat === undefined ? undefined : readExistingFile(cwd, REPO_CONFIG_PATH, REPO_CONFIG_PATH);
}

/**
 * The specs folder and how to name it in messages: --dir, else specsDir from the repo config, else infra-specs.
 * It must exist, except when `missingOk` (import creates the first specs).
 */
export function specsDirectory(
  cwd: string,
  explicit: string | undefined,
  fromConfig: string | undefined,
  missingOk = false,
): { dir: string; label: string; exists: boolean } {
  const dir = explicit ?? fromConfig ?? 'infra-specs';
  const label =
    explicit !== undefined
      ? `--dir ${dir}`
      : fromConfig !== undefined
        ? `specsDir ${dir} (${REPO_CONFIG_PATH})`
        : `--dir ${dir} (the default)`;
  try {
    existingDirectory(cwd, dir, label);
    return { dir, label, exists: true };
  } catch (error) {
    if (missingOk && statSync(resolve(cwd, dir), { throwIfNoEntry: false }) === undefined) {
      return { dir, label, exists: false };
    }
    throw error;
  }
}

/**
 * --binary: a bare name (`terraform`) is looked up on PATH as usual; a path (`./bin/terraform`) is resolved against
 * the cwd (terraform runs in the stack's folder, where a relative path would name something else) and must exist.
 */
export function binaryPath(cwd: string, binary: string | undefined): string | undefined {
  if (binary === undefined || !/[\\/]/.test(binary)) return binary;
  const full = resolve(cwd, binary);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (stat === undefined) throw new CliPathError(`--binary ${binary}: no such file`);
  if (!stat.isFile()) throw new CliPathError(`--binary ${binary}: not a file`);
  return full;
}
