import type { Diagnostic } from '../specs/diagnostic.js';
import { formatDiagnostic } from '../specs/diagnostic.js';

const LISTED = 50;

/** The PR comment when the specs do not validate: what to fix, where; nothing was planned. */
export function renderValidationComment(input: { headSha: string; diagnostics: readonly Diagnostic[] }): string {
  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  const shown = input.diagnostics.slice(0, LISTED);
  const lines = [
    `### ❌ infra-bot: ${errors.length} problem${errors.length === 1 ? '' : 's'} in the specs at ${input.headSha.slice(0, 7)}`,
    '',
    'Nothing was planned. Fix these and push again (each is also annotated on the file in the **infra-bot / validate** check):',
    '',
    fence(shown.map(formatDiagnostic).join('\n')),
  ];
  if (input.diagnostics.length > LISTED) {
    lines.push(
      '',
      `… and ${input.diagnostics.length - LISTED} more; run \`npx infra-bot validate\` locally for the full list.`,
    );
  }
  return lines.join('\n');
}

/** A code fence longer than any backtick run inside, so file content cannot close it. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}
