// The access review as Markdown: a summary that fits one GitHub comment (counts, then the most important lists, each
// ending in "… N more, see the full report" when cut) and the full report committed next to the CSV. Pure.
import type { AccessReview, ReviewUser } from './access-review-model.js';
import {
  cell,
  countsTable,
  driftLine,
  escapeMarkdown,
  formatNumber,
  inlineCode,
  lastSignIn,
  more,
  partialBlock,
  plural,
  roleLine,
} from './render-helpers.js';

/** Under GitHub's 65,536-character comment limit, with room for a header the caller adds. */
export const SUMMARY_MAX_CHARS = 60_000;

export interface SummaryOptions {
  /** Link to the committed full report, used in "see the full report". */
  fullReportUrl?: string;
  maxChars?: number;
}

/** Lists shrink until the whole summary fits; counts are never cut. */
const LIST_LIMITS = [25, 10, 5, 2, 0];

export function renderAccessReviewSummary(review: AccessReview, options: SummaryOptions = {}): string {
  const maxChars = options.maxChars ?? SUMMARY_MAX_CHARS;
  for (const limit of LIST_LIMITS) {
    const text = render(review, { limit, fullReportUrl: options.fullReportUrl, itemMax: limit >= 10 ? 300 : 120 });
    if (text.length <= maxChars) return text;
  }
  // Unreachable with sane limits (the counts alone are small); never hand back an oversize comment.
  return render(review, { limit: 0, itemMax: 40, fullReportUrl: options.fullReportUrl }).slice(0, maxChars);
}

export function renderAccessReviewReport(review: AccessReview): string {
  const all = render(review, { limit: Infinity, itemMax: Infinity });
  const rows = review.users.map(
    (u) =>
      `| ${cell(u.login)} | ${cell(u.name)} | ${cell(u.status)} | ${lastSignIn(u.lastLogin, u.daysSinceLogin)} | ` +
      `${u.groups.length ? cell(u.groups.join(', '), Infinity) : ' '} | ${u.managedBy ? inlineCode(u.managedBy) : 'no'} | ` +
      `${u.inactive ? 'yes' : 'no'} | ${u.drift.length ? cell(u.drift.join(', ')) : ' '} |`,
  );
  return [
    all.trimEnd(),
    '',
    `### All users (${formatNumber(review.users.length)})`,
    '',
    '| login | name | status | last sign-in | groups | spec | inactive | drift |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

interface RenderLimits {
  limit: number;
  itemMax: number;
  fullReportUrl?: string;
}

function render(review: AccessReview, { limit, itemMax, fullReportUrl }: RenderLimits): string {
  const calls = review.apiCalls === undefined ? '' : ` · ${formatNumber(review.apiCalls)} Okta API calls`;
  const section = <T>(title: string, items: readonly T[], lines: (shown: readonly T[]) => string[]): string[] => {
    if (items.length === 0) return [];
    const shown = items.slice(0, limit);
    const hidden = items.length - shown.length;
    return [
      `### ${title} (${formatNumber(items.length)})`,
      '',
      ...lines(shown),
      ...(hidden > 0 ? ['', more(hidden, fullReportUrl)] : []),
      '',
    ];
  };
  const userTable = (users: readonly ReviewUser[], withSpec: boolean) =>
    users.length === 0
      ? []
      : [
          `| login | status | last sign-in${withSpec ? ' | spec' : ''} |`,
          `|---|---|---${withSpec ? '|---' : ''}|`,
          ...users.map(
            (u) =>
              `| ${cell(u.login, itemMax)} | ${cell(u.status)} | ${lastSignIn(u.lastLogin, u.daysSinceLogin)}` +
              `${withSpec ? ` | ${u.managedBy ? inlineCode(u.managedBy) : 'none'}` : ''} |`,
          ),
        ];
  return [
    '## Okta access review',
    '',
    ...partialBlock(review),
    `Generated ${review.generatedAt} · inactive means no sign-in for ${review.inactiveDays} days${calls}`,
    '',
    ...countsTable(review),
    ...section('Drift: specs that differ from Okta', review.drift, (items) => items.map((d) => driftLine(d, itemMax))),
    ...section('Who can assume each IamSsoRole', review.roles, (items) =>
      items.map((r) => roleLine(r, limit === Infinity ? Infinity : Math.max(limit, 5), fullReportUrl)),
    ),
    ...section(`Inactive accounts`, review.inactive, (items) => userTable(items, true)),
    ...section('Users without a spec', review.unmanagedUsers, (items) => userTable(items, false)),
    ...section('Groups without a spec', review.unmanagedGroups, (items) =>
      items.map(
        (g) => `- ${cell(g.name, itemMax)} (${g.members === null ? 'members not read' : plural(g.members, 'member')})`,
      ),
    ),
    ...section('Could not be determined', review.undetermined, (items) =>
      items.map((text) => `- ${escapeMarkdown(text)}`),
    ),
  ].join('\n');
}
