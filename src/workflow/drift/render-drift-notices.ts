// What drift detection tells people: the drift issue (its plan comes from the plan renderer; these are the words
// around it), the comment that closes it, and the Slack notices. Pure.

export interface DriftFound {
  repo: string;
  stack: string;
  /** Resources that differ from the specs. */
  changes: number;
  issueUrl: string;
}

/** Under the plan in the drift issue: what the difference means and how the issue closes. */
export const driftIssueFooter = (sha: string): string =>
  `The default branch (${sha.slice(0, 7)}) no longer matches what runs. Re-apply the specs (a PR that changes them, or revert the change made outside infra-bot), then comment \`/infra plan\` here to check again. This issue closes itself when the stack is clean.`;

/** Where the rest of a drift too large for one issue body can be seen. */
export const driftTruncationHint = (stack: string): string =>
  `an issue holds one part, so run \`terraform plan\` on stack ${stack} to see the complete difference`;

/** The comment that closes a drift issue. */
export const driftResolvedComment = (stack: string, sha: string): string =>
  `✅ \`${stack}\` matches the specs again at ${sha.slice(0, 7)}.`;

/** Slack, when a drift issue opens. */
export const renderDriftFound = (found: DriftFound): string =>
  `⚠️ Drift in ${found.repo} ${found.stack}: ${found.changes} resource(s) differ from the specs. See ${found.issueUrl}`;

/** Slack, once per failing streak of drift runs. */
export const renderDriftCheckFailed = (repo: string, why: string): string =>
  `⚠️ Drift detection for ${repo} failed: ${why}. It will be tried again at the next scheduled run.`;
