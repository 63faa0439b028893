// Branch names and commit trailers of the PRs issue commands open (pure). A re-run of the same command on the same
// issue finds the same branch; a trailer in the commit says which request wrote it, so a branch someone else
// created under that name is never taken over.

/** What an issue command asks for: the same command, issue and name always give the same branch. */
export interface RequestKey {
  owner: string;
  repo: string;
  command: string;
  issue: number;
  /** The spec name, a date or `bulk`: lowercase letters, digits and `-`. */
  name: string;
}

export const MAX_BRANCH_SUFFIX = 20;

/** `infra-bot/<command>/<issue>-<name>`, then `-2`, `-3`… for a branch that is taken. */
export function requestBranch(key: RequestKey, attempt = 1): string {
  const base = `infra-bot/${key.command}/${key.issue}-${key.name}`;
  return attempt <= 1 ? base : `${base}-${attempt}`;
}

/** The trailer line our commits carry; GitHub shows it as part of the message. */
export function requestTrailer(key: RequestKey): string {
  return `Infra-Bot-Request: ${key.owner}/${key.repo}#${key.issue} ${key.command} ${key.name}`;
}

/** Hidden in the PR description: which request the PR answers. */
export const requestMarker = (key: RequestKey): string =>
  `<!-- infra-bot:request ${key.owner}/${key.repo}#${key.issue} ${key.command} ${key.name} -->`;

/** Whether a commit message was written by infra-bot for exactly this request. */
export const isOurCommit = (message: string, key: RequestKey): boolean =>
  message.split('\n').some((line) => line.trim() === requestTrailer(key));

/** A commit message: subject, blank line, body, blank line, trailer. */
export const requestCommitMessage = (key: RequestKey, subject: string, body: string): string =>
  `${subject}\n\n${body}\n\n${requestTrailer(key)}`;
