// One line per spec change: what is created, changed, destroyed or expiring, with the details a reviewer checks.
import { kindOf } from '../kinds/index.js';
import type { IntentSpec } from '../specs/model.js';
import { expiryChangeLine, expiryText } from './describe-time.js';
import type { FieldChange } from './field-diff.js';
import type { SpecChange } from './intent-changes.js';
import { code, plain, strong, type Line } from './rich-text.js';

/** Fields named per changed spec before "and N more". */
export const FIELDS_LISTED = 6;
/** A value longer than this is cut (user data, policies): the file diff has it all. */
const VALUE_MAX = 60;

const MARKS = { created: '➕', changed: '✏️', destroyed: '🗑️', expiring: '⏳' } as const;

export function describeSpecChange(change: SpecChange, headOnly = false): Line {
  // Head only (the base did not parse): no verb, the section title says what these are.
  const head: Line = headOnly
    ? [code(change.key)]
    : [plain(`${MARKS[change.type]} `), strong(`${change.type}:`), plain(' '), code(change.key)];
  switch (change.type) {
    case 'created': {
      const line = [...head, plain(' — '), ...details(change.after!)];
      if (change.expiry?.after) line.push(plain(`; expires ${expiryText(change.expiry.after)}`));
      return line;
    }
    case 'destroyed':
      return [...head, plain(' — '), ...details(change.before!)];
    case 'expiring':
      return [...head, plain(' — '), ...expiryChangeLine(change.expiry!)];
    case 'changed': {
      const fields = change.fields.slice(0, FIELDS_LISTED).map(fieldLine);
      const line: Line = [...head, plain(': ')];
      fields.forEach((f, i) => line.push(...(i > 0 ? [plain('; ')] : []), ...f));
      if (change.fields.length > FIELDS_LISTED) line.push(plain(`; and ${change.fields.length - FIELDS_LISTED} more`));
      if (change.expiry) line.push(plain('; '), ...expiryChangeLine(change.expiry));
      return line;
    }
  }
}

const cut = (text: string) => (text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text);

function fieldLine(field: FieldChange): Line {
  const line: Line = [code(field.path), plain(' ')];
  if (field.hidden) {
    line.push(plain('changed (not shown: spec.showUserDataInPlans is not true)'));
  } else if (field.added || field.removed) {
    const parts = [...(field.added ?? []).map((v) => `+${cut(v)}`), ...(field.removed ?? []).map((v) => `−${cut(v)}`)];
    line.push(plain(parts.join(' ')));
  } else {
    line.push(plain(`${cut(field.before ?? '(none)')} → ${cut(field.after ?? '(none)')}`));
  }
  return line;
}

/** What the spec is, in its kind's words. */
const details = (spec: IntentSpec): Line => kindOf(spec).describe(spec);
