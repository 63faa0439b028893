// Small Markdown pieces shared by the access renderers. Every Okta string is user-controlled: it goes through
// escapeMarkdown (no markup, no @mentions) or inlineCode.
import { escapeMarkdown, formatNumber, inlineCode, truncateText } from '../plan/render-escape.js';
import type { AccessReview, Difference, DriftItem, RoleAccess } from './access-review-model.js';

export { escapeMarkdown, formatNumber, inlineCode, truncateText };

/** A table cell: escaped, one line, at most `max` characters of source text. */
export const cell = (text: string, max = 200): string => escapeMarkdown(truncateText(text, max)) || ' ';

export const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : 'never');

export const lastSignIn = (iso: string | null, days: number | null): string =>
  iso ? `${day(iso)} (${formatNumber(days ?? 0)} d ago)` : 'never';

export function more(hidden: number, fullReportUrl: string | undefined): string {
  const where = fullReportUrl ? `[full report](${encodeURI(fullReportUrl)})` : 'full report';
  return `… ${formatNumber(hidden)} more, see the ${where}`;
}

const value = (text: string, max: number): string => (text === '' ? '(none)' : inlineCode(truncateText(text, max)));

const describe = (d: Difference, max: number): string =>
  d.field === 'members without a spec'
    ? `members without a spec: ${cell(d.okta, max)}`
    : d.field === 'groups'
      ? `groups ${value(d.okta, max)} (spec: ${d.spec ? cell(d.spec, max) : 'none'})`
      : `${escapeMarkdown(d.field)}: spec ${value(d.spec, max)}, Okta ${value(d.okta, max)}`;

export function driftLine(item: DriftItem, max = 300): string {
  const what = item.kind === 'missing' ? 'missing in Okta' : item.differences.map((d) => describe(d, max)).join('; ');
  return `- ${inlineCode(item.spec)} (${inlineCode(item.file)}): ${what}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** Up to `limit` escaped items, then "… N more" when cut. */
function listed(items: readonly string[], limit: number, fullReportUrl?: string): string {
  const shown = items.slice(0, limit).join(', ');
  const hidden = items.length - Math.min(limit, items.length);
  return hidden > 0 ? `${shown}${shown ? ' ' : ''}${more(hidden, fullReportUrl)}` : shown;
}

export function roleLine(role: RoleAccess, memberLimit: number, fullReportUrl?: string): string {
  const arn = role.roleArn ? ` ${inlineCode(role.roleArn)}` : '';
  const head = `- **${escapeMarkdown(role.role)}**${arn} through group ${inlineCode(role.groupName)}`;
  const bySpec = role.bySpec.map(escapeMarkdown);
  if (role.live === null) {
    return `${head}: members unknown (partial data); by spec: ${listed(bySpec, memberLimit, fullReportUrl) || 'nobody'}`;
  }
  if (!role.groupInOkta) {
    return `${head}: nobody, the group is not in Okta; by spec: ${listed(bySpec, memberLimit, fullReportUrl) || 'nobody'}`;
  }
  const members = role.live.map((m) => {
    const login = escapeMarkdown(m.login);
    return m.status === 'ACTIVE' ? login : `${login} (${escapeMarkdown(m.status)})`;
  });
  const notes = [
    role.onlyInOkta.length
      ? `not declared by a spec: ${listed(role.onlyInOkta.map(escapeMarkdown), memberLimit, fullReportUrl)}`
      : '',
    role.onlyInSpec.length
      ? `declared but not in Okta: ${listed(role.onlyInSpec.map(escapeMarkdown), memberLimit, fullReportUrl)}`
      : '',
  ].filter(Boolean);
  const list = members.length ? `: ${listed(members, memberLimit, fullReportUrl)}` : '';
  return `${head}: ${plural(role.live.length, 'member')}${list}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

export { plural };

export function partialBlock(review: AccessReview): string[] {
  const { partial } = review;
  if (!partial) return [];
  const why = {
    'rate-limited': 'Okta kept rate-limiting the requests',
    unavailable: 'Okta stopped answering',
    deadline: 'gathering ran out of time',
  }[partial.reason];
  return [
    '> [!WARNING]',
    `> **Partial report**: ${why} (${escapeMarkdown(partial.message)}). Missing:`,
    ...partial.missing.map((m) => `> - ${escapeMarkdown(m)}`),
    '> Counts and lists below cover only what was read.',
    '',
  ];
}

export function countsTable(review: AccessReview): string[] {
  const c = review.counts;
  const statuses = Object.entries(c.byStatus)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([status, n]) => `${escapeMarkdown(status)} ${formatNumber(n)}`)
    .join(' · ');
  const row = (label: string, value: string) => `| ${label} | ${value} |`;
  return [
    '| | |',
    '|---|---|',
    row('Users', `${formatNumber(c.users)}${statuses ? ` (${statuses})` : ''}`),
    row('Groups', formatNumber(c.groups)),
    row('Managed by specs', `${formatNumber(c.managedUsers)} users · ${formatNumber(c.managedGroups)} groups`),
    row(`Inactive (no sign-in for ${review.inactiveDays} days)`, formatNumber(c.inactive)),
    row('Users without a spec', formatNumber(c.unmanagedUsers)),
    row('Groups without a spec', formatNumber(c.unmanagedGroups)),
    row('Drift (spec ≠ Okta)', formatNumber(c.drift)),
    row('IamSsoRoles', formatNumber(c.roles)),
    '',
  ];
}
