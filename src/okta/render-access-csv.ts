// The access review as CSV, one row per user (RFC 4180: CRLF, quotes doubled). Pure.
import type { AccessReview } from './access-review-model.js';

export const ACCESS_CSV_COLUMNS = [
  'login',
  'email',
  'status',
  'lastLogin',
  'groups',
  'managedBySpec',
  'inactive',
  'drift',
] as const;

/**
 * A field as spreadsheets should read it: quoted when it holds a separator, quote or line break; and a leading
 * `'` when it starts like a formula (`=`, `+`, `-`, `@`, tab, CR), because Okta profile text is user-controlled
 * and reviewers open this file in Excel (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderAccessReviewCsv(review: AccessReview): string {
  const lines = [ACCESS_CSV_COLUMNS.join(',')];
  for (const u of review.users) {
    lines.push(
      [
        u.login,
        u.email,
        u.status,
        u.lastLogin ?? '',
        u.groups.join(';'),
        u.managedBy ?? '',
        u.inactive ? 'true' : 'false',
        u.drift.join(';'),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
