import { statusOf, toGatewayError } from './errors.js';
import type { GitHubClient } from './octokit.js';

export type PermissionLevel = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const ORDER: readonly PermissionLevel[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];

function isLevel(value: unknown): value is PermissionLevel {
  return typeof value === 'string' && (ORDER as readonly string[]).includes(value);
}

/** True when `level` grants at least what `required` grants. */
export function hasAtLeast(level: PermissionLevel, required: PermissionLevel): boolean {
  return ORDER.indexOf(level) >= ORDER.indexOf(required);
}

export interface GetPermissionParams {
  owner: string;
  repo: string;
  username: string;
}

/**
 * The user's role on the repository. `permission` folds maintain into write and triage into read, so `role_name`
 * decides; a custom role (Enterprise) falls back to the base `permission`. A user GitHub does not know is `none`.
 */
export async function getPermission(octokit: GitHubClient, params: GetPermissionParams): Promise<PermissionLevel> {
  const operation = `read permission of ${params.username} on ${params.owner}/${params.repo}`;
  let data: { permission?: string; role_name?: string };
  try {
    ({ data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: params.owner,
      repo: params.repo,
      username: params.username,
    }));
  } catch (error) {
    if (statusOf(error) === 404) return 'none';
    throw toGatewayError(operation, error);
  }
  if (isLevel(data.role_name)) return data.role_name;
  return isLevel(data.permission) ? data.permission : 'none';
}
