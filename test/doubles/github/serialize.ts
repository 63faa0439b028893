import type { Actor, CheckRunRecord, CommentRecord, IssueRecord, RepoRecord, StatusRecord } from './model.js';
import type { GitHubState } from './state.js';

/** REST representations (the subset of GitHub's fields the app and Probot read), also usable in webhook payloads. */
export function userJson(state: GitHubState, actor: Actor): Record<string, unknown> {
  const id = [...actor.login].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 1_000_000, 7);
  return { login: actor.login, id, type: actor.type, html_url: `${state.url}/${actor.login}` };
}

export function repoJson(state: GitHubState, repo: RepoRecord): Record<string, unknown> {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: fullName,
    private: repo.private,
    owner: userJson(
      state,
      state.installations.get(repo.installationId)?.account ?? { login: repo.owner, type: 'Organization' },
    ),
    html_url: `${state.url}/${fullName}`,
    url: `${state.url}/api/v3/repos/${fullName}`,
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
  };
}

export function installationJson(state: GitHubState, id: number): Record<string, unknown> {
  const installation = state.installations.get(id);
  return {
    id,
    app_id: state.app.id,
    app_slug: state.app.slug,
    account: installation === undefined ? null : userJson(state, installation.account),
    target_type: installation?.account.type ?? 'Organization',
    repository_selection: 'selected',
    permissions: { contents: 'write', pull_requests: 'write', issues: 'write', checks: 'write', statuses: 'write' },
  };
}

export function issueJson(state: GitHubState, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  const base = `${state.url}/api/v3/repos/${repo.owner}/${repo.name}`;
  const kind = issue.pull === undefined ? 'issues' : 'pull';
  return {
    id: repo.id * 100_000 + issue.number,
    node_id: `I_${repo.id}_${issue.number}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: userJson(state, issue.user),
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    created_at: issue.createdAt,
    html_url: `${state.url}/${repo.owner}/${repo.name}/${kind}/${issue.number}`,
    url: `${base}/issues/${issue.number}`,
    ...(issue.pull === undefined ? {} : { pull_request: { url: `${base}/pulls/${issue.number}` } }),
  };
}

export function pullJson(state: GitHubState, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  const pull = issue.pull!;
  const shas = state.pullShas(repo, issue);
  const repository = repoJson(state, repo);
  const side = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    repo: repository,
    user: repository.owner,
  });
  return {
    ...issueJson(state, repo, issue),
    url: `${state.url}/api/v3/repos/${repo.owner}/${repo.name}/pulls/${issue.number}`,
    node_id: `PR_${repo.id}_${issue.number}`,
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    mergeable: issue.state === 'open' ? true : null,
    head: side(pull.head, shas.head),
    base: side(pull.base, shas.base),
  };
}

export function commentJson(state: GitHubState, comment: CommentRecord): Record<string, unknown> {
  const [owner, repo] = comment.repoKey.split('/');
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    body: comment.body,
    user: userJson(state, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    html_url: `${state.url}/${owner}/${repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${state.url}/api/v3/repos/${owner}/${repo}/issues/${comment.issueNumber}`,
    author_association: comment.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: comment.user.type === 'Bot' ? { id: state.app.id, slug: state.app.slug } : null,
  };
}

export function checkRunJson(state: GitHubState, run: CheckRunRecord): Record<string, unknown> {
  const [owner, repo] = run.repoKey.split('/');
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    details_url: run.detailsUrl,
    html_url: `${state.url}/${owner}/${repo}/runs/${run.id}`,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${state.url}/api/v3/repos/${owner}/${repo}/check-runs/${run.id}/annotations`,
    },
    app: { id: state.app.id, slug: state.app.slug, name: state.app.name },
    pull_requests: [],
  };
}

export function statusJson(state: GitHubState, status: StatusRecord): Record<string, unknown> {
  return {
    id: status.id,
    state: status.state,
    context: status.context,
    description: status.description,
    target_url: status.targetUrl,
    created_at: status.createdAt,
    updated_at: status.createdAt,
    creator: userJson(state, status.creator),
  };
}
