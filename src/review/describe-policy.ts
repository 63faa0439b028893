// Grants in words: "`s3:*` on `*`", "everything except `iam:*` on `arn:aws:s3:::logs/*` (with conditions)",
// "`s3:GetObject` on `*` for anyone (`*`)".
import type { PolicyStatement } from './policy-document.js';
import type { AllowGrants } from './policy-widening.js';
import { code, joinRuns, plain, strong, type Line } from './rich-text.js';

/** Entries named per list before "and N more". */
export const POLICY_ITEMS_LISTED = 4;

function items(values: readonly string[]): Line {
  const shown = values.slice(0, POLICY_ITEMS_LISTED).map((v) => [code(v)]);
  const more = values.length - shown.length;
  return more > 0 ? [...joinRuns(shown, ', '), plain(` and ${more} more`)] : joinRuns(shown);
}

const who = (principals: readonly string[]): Line =>
  principals.length === 0
    ? []
    : principals.includes('*')
      ? [plain(' for '), strong('anyone'), plain(' ('), code('*'), plain(')')]
      : [plain(' for '), ...items(principals)];

export function grantsLine(g: AllowGrants): Line {
  const actions = g.notActions ? [strong('everything except'), plain(' '), ...items(g.actions)] : items(g.actions);
  const resources = g.notResources
    ? [strong('everything except'), plain(' '), ...items(g.resources)]
    : items(g.resources);
  return [
    ...actions,
    ...(g.resourceImplied ? [] : [plain(' on '), ...resources]),
    ...who(g.principals),
    ...(g.conditional ? [plain(' (with conditions)')] : []),
  ];
}

/** `a; b` for several statements; "nothing" for none. */
export function grantsList(grants: readonly AllowGrants[]): Line {
  if (grants.length === 0) return [plain('nothing')];
  const shown = grants.slice(0, POLICY_ITEMS_LISTED).map(grantsLine);
  const out: Line = [];
  shown.forEach((line, i) => out.push(...(i > 0 ? [plain('; ')] : []), ...line));
  if (grants.length > shown.length) out.push(plain(`; and ${grants.length - shown.length} more statements`));
  return out;
}

export function denyLine(s: PolicyStatement): Line {
  return grantsLine({
    principals: s.principals?.values ?? [],
    actions: s.actions.values,
    resources: s.resources.values,
    notActions: s.actions.not,
    notResources: s.resources.not,
    resourceImplied: s.resources.implied === true,
    conditional: s.condition !== '',
  });
}
