import { callGitHub } from './errors.js';
import type { GitHubClient } from './octokit.js';
import type { RepoRef } from './pulls.js';

export interface Issue {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  labels: string[];
}

export interface CreatedIssue {
  number: number;
  /** REST id (distinct from the number): what a comment series is keyed on. */
  id: number;
  nodeId: string;
  htmlUrl: string;
}

export async function getIssue(octokit: GitHubClient, params: RepoRef & { issue_number: number }): Promise<Issue> {
  const { owner, repo, issue_number } = params;
  const { data } = await callGitHub(`get issue ${owner}/${repo}#${issue_number}`, () =>
    octokit.rest.issues.get({ owner, repo, issue_number }),
  );
  return {
    number: data.number,
    state: data.state === 'open' ? 'open' : 'closed',
    title: data.title,
    body: data.body ?? '',
    labels: data.labels.flatMap((label) => {
      const name = typeof label === 'string' ? label : label.name;
      return name === undefined ? [] : [name];
    }),
  };
}

export async function createIssue(
  octokit: GitHubClient,
  params: RepoRef & { title: string; body: string; labels?: string[] },
): Promise<CreatedIssue> {
  const { owner, repo, title, body, labels } = params;
  const { data } = await callGitHub(`create issue on ${owner}/${repo}`, () =>
    octokit.rest.issues.create({ owner, repo, title, body, ...(labels !== undefined && { labels }) }),
  );
  return { number: data.number, id: data.id, nodeId: data.node_id, htmlUrl: data.html_url };
}

/** Edits an issue's body and/or opens or closes it. */
export async function updateIssue(
  octokit: GitHubClient,
  params: RepoRef & { issue_number: number; body?: string; state?: 'open' | 'closed' },
): Promise<void> {
  const { owner, repo, issue_number, body, state } = params;
  await callGitHub(`update issue ${owner}/${repo}#${issue_number}`, () =>
    octokit.rest.issues.update({
      owner,
      repo,
      issue_number,
      ...(body !== undefined && { body }),
      ...(state !== undefined && { state }),
    }),
  );
}
