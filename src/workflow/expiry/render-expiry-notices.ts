// What the expiry flow tells people, as data, and the words for it: the reminder before a deadline, the notice
// after the destroy, and the commit and PR that take the spec off the default branch. Pure.

/** How an expired spec left the default branch. */
export type SpecRemoval =
  { kind: 'already-gone' } | { kind: 'commit'; branch: string } | { kind: 'pull'; number: number };

export type ExpiryNotice =
  | { kind: 'reminder'; specKey: string; repo: string; dueAt: Date; minutesLeft: number }
  | { kind: 'expired'; specKey: string; repo: string; dueAt: Date; stack: string; removal: SpecRemoval };

/** The removal as a phrase after "the spec" (the audit log and the Slack notice read it). */
export function describeRemoval(removal: SpecRemoval): string {
  switch (removal.kind) {
    case 'already-gone':
      return 'was already gone from the default branch';
    case 'commit':
      return `was removed from ${removal.branch} in a commit`;
    case 'pull':
      return `is removed by #${removal.number}`;
  }
}

/** The Slack text, to the approvals channel and the owner. */
export function renderExpiryNotice(notice: ExpiryNotice): string {
  const due = notice.dueAt.toISOString();
  if (notice.kind === 'reminder') {
    return (
      `⏳ ${notice.specKey} in ${notice.repo} expires at ${due} (in ${notice.minutesLeft} min) and will be destroyed. ` +
      `To keep it longer, open an issue with \`/infra extend ${notice.specKey} <duration>\`.`
    );
  }
  return `🗑️ ${notice.specKey} in ${notice.repo} expired at ${due} and was destroyed (${notice.stack}); the spec ${describeRemoval(notice.removal)}.`;
}

/** The commit message that deletes an expired spec (directly, or on the removal PR's branch). */
export const removalCommitMessage = (specKey: string): string =>
  `Remove expired ${specKey}\n\nIts deadline passed and infra-bot destroyed what it described.`;

/** The removal PR, where the default branch does not take infra-bot's direct commit. */
export function renderRemovalPull(specKey: string, file: string): { title: string; body: string } {
  return {
    title: `Remove expired ${specKey}`,
    body: `${specKey} reached its expiry and infra-bot destroyed its resources. This PR removes \`${file}\` so nothing re-creates them; infra-bot merges it once its checks pass.`,
  };
}
