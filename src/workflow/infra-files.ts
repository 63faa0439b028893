import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';

/**
 * Whether a pull request's changed files touch what infra-bot reads: the specs folder or the repo config. With the
 * config invalid (`specsDir` undefined) the folder is unknown, so any YAML file counts.
 */
export function touchesInfraFiles(paths: readonly string[], specsDir: string | undefined): boolean {
  if (specsDir === undefined) return paths.some((path) => path === REPO_CONFIG_PATH || /\.ya?ml$/i.test(path));
  const prefix = `${specsDir.replace(/\/+$/, '')}/`;
  return paths.some((path) => path.startsWith(prefix) || path === REPO_CONFIG_PATH);
}
