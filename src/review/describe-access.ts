// Access statements in words: "bruce.lee@demoac.com joins security-engineering → can assume security-readonly
// (ReadOnlyAccess) in account 123456789012 for up to 1h".
import type { AccessStatement } from './access-changes.js';
import { isUserCause } from './access-changes.js';
import type { RoleAccess } from './access-grants.js';
import { sessionText, whenText } from './describe-time.js';
import { code, em, joinRuns, listRuns, plain, strong, type Line } from './rich-text.js';

/** Users named in one line before "and N more". */
export const USERS_LISTED = 10;

export const REMOVED_MARK = '⛔';

/** `security-readonly (ReadOnlyAccess) in account 123456789012 for up to 1h`. */
export function roleLine(role: RoleAccess, withSession = true): Line {
  const grants = [...role.policies, ...(role.inlinePolicy ? ['inline policy'] : [])];
  const line: Line = [strong(role.name), plain(` (${grants.length > 0 ? grants.join(', ') : 'no policies'})`)];
  if (role.accountId) line.push(plain(` in account ${role.accountId}`));
  if (withSession) line.push(plain(` for up to ${sessionText(role.maxSessionSeconds)}`));
  return line;
}

const rolesLine = (roles: readonly RoleAccess[], withSession = true) =>
  joinRuns(roles.map((r) => roleLine(r, withSession)));
const usersLine = (s: AccessStatement) =>
  listRuns(
    s.users.map((u) => [code(u.login)]),
    USERS_LISTED,
  );

/** `headOnly`: the base could not be read, so a statement describes the head side rather than a change. */
export function describeAccess(s: AccessStatement, headOnly = false): Line {
  const line = isUserCause(s.cause) ? byUser(s) : byRole(s, headOnly);
  if (s.until) {
    const { at, ttl } = s.until;
    line.push(plain(at !== undefined ? `, until ${whenText(s.until)}` : `, for ${ttl ?? '?'} after the first apply`));
  }
  return s.direction === 'removed' ? [plain(`${REMOVED_MARK} `), strong('removed:'), plain(' '), ...line] : line;
}

function byUser(s: AccessStatement): Line {
  const user = code(s.users[0]!.login);
  const group = em(s.group.displayName);
  const can = [plain(' → can assume '), ...rolesLine(s.roles)];
  const cannot = [plain(' → can no longer assume '), ...rolesLine(s.roles, false)];
  switch (s.cause) {
    case 'new-user':
      return [plain('new user '), user, plain(' joins '), group, ...can];
    case 'joined-group':
      return [user, plain(' joins '), group, ...can];
    case 'reactivated':
      return [user, plain(' is reactivated (member of '), group, plain(')'), ...can];
    case 'left-group':
      return [user, plain(' leaves '), group, ...cannot];
    case 'suspended':
    case 'deprovisioned':
      return [user, plain(` is ${s.cause} (member of `), group, plain(')'), ...cannot];
    default: // user-removed: the OktaUser spec is gone, so Terraform deletes the user
      return [user, plain(' is deleted from Okta (member of '), group, plain(')'), ...cannot];
  }
}

function byRole(s: AccessStatement, headOnly: boolean): Line {
  const role = s.roles[0]!;
  const users = usersLine(s);
  const group = em(s.group.displayName);
  const members = [plain(' (members of '), group, plain(')')];
  const gained = s.direction === 'gained';
  switch (s.cause) {
    case 'role-created':
      return headOnly
        ? [...roleLine(role), plain(' → can be assumed by '), ...users, ...members]
        : [plain('new role '), ...roleLine(role), plain(' → '), ...users, plain(' can assume it'), ...members];
    case 'role-removed':
      return [
        plain('role '),
        ...roleLine(role, false),
        plain(' is deleted → '),
        ...users,
        plain(' can no longer assume it'),
        ...members,
      ];
    case 'role-regrouped':
      return gained
        ? [...roleLine(role), plain(' now goes to '), group, plain(' → '), ...users, plain(' can assume it')]
        : [
            ...roleLine(role, false),
            plain(' no longer goes to '),
            group,
            plain(' → '),
            ...users,
            plain(' can no longer assume it'),
          ];
    case 'policies':
      return [
        strong(role.name),
        plain(gained ? ' gains ' : ' loses '),
        plain((s.policies ?? []).join(', ')),
        plain(' → for '),
        ...users,
      ];
    case 'inline-policy': {
      const what = {
        added: ' gets an inline policy',
        removed: ' loses its inline policy',
        changed: "'s inline policy changes (review what it allows)",
      };
      return [strong(role.name), plain(what[s.inline ?? 'changed']), plain(' → for '), ...users];
    }
    default: {
      const { beforeSeconds, afterSeconds } = s.session ?? { beforeSeconds: 0, afterSeconds: 0 };
      const text = ` sessions last up to ${sessionText(afterSeconds)} (was ${sessionText(beforeSeconds)}) → for `;
      return [strong(role.name), plain(text), ...users];
    }
  }
}
