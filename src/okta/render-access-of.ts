// `/infra access <email>` as Markdown. Pure.
import type { PersonAccess } from './access-of.js';
import { cell, escapeMarkdown, formatNumber, inlineCode, lastSignIn } from './render-helpers.js';

export function renderPersonAccess(access: PersonAccess): string {
  const lines = [`## Access of ${inlineCode(access.email)}`, ''];
  const { user } = access;
  if (user) {
    lines.push(
      '| | |',
      '|---|---|',
      `| Okta login | ${inlineCode(user.login)}${user.name ? ` (${cell(user.name)})` : ''} |`,
      `| Status | ${cell(user.status)} |`,
      `| Last sign-in | ${lastSignIn(user.lastLogin, access.daysSinceLogin)} |`,
      `| Spec | ${access.managedBy ? inlineCode(access.managedBy) : 'none'} |`,
      '',
    );
  }
  for (const note of access.notes) lines.push(`> ${escapeMarkdown(note)}`, '');

  if (user) {
    const groups = access.groups.map(
      (g) => `${escapeMarkdown(g.name)}${g.managedBy ? ` (${inlineCode(g.managedBy)})` : ''}`,
    );
    lines.push(`**Groups (${formatNumber(groups.length)})**: ${groups.length ? groups.join(', ') : 'none'}`, '');
  }

  const now = access.roles.filter((r) => r.source === 'okta');
  const pending = access.roles.filter((r) => r.source === 'spec');
  const roleLine = (r: PersonAccess['roles'][number]) =>
    `- **${escapeMarkdown(r.role)}**${r.roleArn ? ` ${inlineCode(r.roleArn)}` : ''} through group ${inlineCode(r.group)}`;
  lines.push(`**AWS roles they can assume (${formatNumber(now.length)})**`, '');
  lines.push(...(now.length ? now.map(roleLine) : ['- none']), '');
  if (pending.length) {
    lines.push(`**Declared in their spec, not in Okta yet (${formatNumber(pending.length)})**`, '');
    lines.push(...pending.map(roleLine), '');
  }
  return lines.join('\n');
}
