import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

/** `owner/repo` for state keys: --repo, then $GITHUB_REPOSITORY, then the origin remote; undefined when unknown. */
export async function repositoryName(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<string | undefined> {
  for (const candidate of [explicit, env.GITHUB_REPOSITORY]) {
    if (candidate === undefined) continue;
    if (!REPOSITORY.test(candidate)) throw new Error(`"${candidate}" is not a repository name of the form owner/repo`);
    return candidate;
  }
  const remote = await promisify(execFile)('git', ['config', '--get', 'remote.origin.url'], { cwd }).then(
    (result) => result.stdout.trim(),
    () => '',
  );
  return parseRemote(remote);
}

/** `git@host:owner/repo.git` or `https://host/owner/repo(.git)` → `owner/repo`. */
export function parseRemote(remote: string): string | undefined {
  const match = /[:/]([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(remote);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
