import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

export interface FoundRepository {
  name: string;
  /** Where the name came from, for the user: `--repo`, `$GITHUB_REPOSITORY` or `the origin remote (<url>)`. */
  source: string;
}

/** `owner/repo` for state keys: --repo, then $GITHUB_REPOSITORY, then the origin remote; undefined when unknown. */
export async function findRepository(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<FoundRepository | undefined> {
  const candidates: [string | undefined, string][] = [
    [explicit, '--repo'],
    [env.GITHUB_REPOSITORY, '$GITHUB_REPOSITORY'],
  ];
  for (const [candidate, source] of candidates) {
    if (candidate === undefined) continue;
    if (!REPOSITORY.test(candidate)) throw new Error(`"${candidate}" is not a repository name of the form owner/repo`);
    return { name: candidate, source };
  }
  const remote = await promisify(execFile)('git', ['config', '--get', 'remote.origin.url'], { cwd }).then(
    (result) => result.stdout.trim(),
    () => '',
  );
  const name = parseRemote(remote);
  // The URL may carry credentials (https://user:token@host/…): only the host and path are shown.
  return name === undefined ? undefined : { name, source: `the origin remote (${withoutCredentials(remote)})` };
}

/** Just the name, for callers that do not report where it came from. */
export async function repositoryName(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<string | undefined> {
  return (await findRepository(explicit, env, cwd))?.name;
}

/** `git@host:owner/repo.git` or `https://host/owner/repo(.git)` → `owner/repo`. */
export function parseRemote(remote: string): string | undefined {
  const match = /[:/]([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(remote);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function withoutCredentials(remote: string): string {
  return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
