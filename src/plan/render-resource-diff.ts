// One resource change as Markdown: a bold action label with the address, then its attributes in a ```diff block.
// Values stay inside the code fence (rendered literally); the fence is longer than any backtick run inside.
import type { SecretScrubber } from './render-redact.js';
import { fenceFor, inlineCode, truncateText } from './render-escape.js';
import { windowPair } from './render-value-diff.js';
import type { AttributeChange, ChangeAction, DiffNote, ResourceChangeSummary } from './summarize-plan.js';

/** Longest value shown whole when both sides exist; longer pairs show the differing window (never a blind cut). */
export const MAX_VALUE_CHARS = 500;
/** Longest one-sided value (a create or destroy) shown whole; longer ones are cut with a visible count. */
export const MAX_SINGLE_VALUE_CHARS = MAX_VALUE_CHARS;
const MAX_PATH_PAD = 40;

export const ACTION_LABEL: Record<ChangeAction, string> = {
  create: '+ create',
  update: '~ update in place',
  delete: '- destroy',
  replace: '± replace',
  read: '<= read',
  forget: '⊘ forget (removed from state, left running)',
  import: '⇐ import (added to state, nothing else changes)',
  move: '→ move (new address, nothing else changes)',
};

const REPLACE_LABEL = {
  'delete-before-create': '-/+ replace (destroy, then create)',
  'create-before-destroy': '+/- replace (create the new one, then destroy the old)',
} as const;

/** Resource headers start like this, so a cut can count how many resources it dropped. */
export const RESOURCE_HEADER = /^\*\*(\+|~|-|±|<=|⊘|⇐|→|-\/\+|\+\/-) /;

const REASONS: Record<string, string> = {
  replace_because_cannot_update: 'some changes cannot be made in place',
  replace_because_tainted: 'the object is tainted',
  replace_by_request: 'replacement was requested',
  replace_by_triggers: 'triggered by `replace_triggered_by`',
  delete_because_no_resource_config: 'no longer in the configuration',
  delete_because_wrong_repetition: 'its instance key no longer matches count/for_each',
  delete_because_count_index: 'its count index is out of range',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_no_move_target: 'its moved target does not exist',
  read_because_config_unknown: 'its configuration is only known after apply',
  read_because_dependency_pending: 'it depends on pending changes',
  read_because_check_nested: 'it is read by a check block',
};

export const reasonText = (reason: string): string => REASONS[reason] ?? inlineCode(reason);

/** The ```diff lines of a list of attribute changes, with context notes at their place. */
export function diffLines(
  action: ChangeAction,
  attributes: readonly AttributeChange[],
  notes: readonly DiffNote[],
  scrubber: SecretScrubber,
): string[] {
  const paths = attributes.map((a) => scrubber.scrub(a.path));
  const width = Math.min(MAX_PATH_PAD, Math.max(0, ...paths.map((p) => p.length)));
  const one = (text: string) => truncateText(scrubber.scrub(text), MAX_SINGLE_VALUE_CHARS);
  const lines: string[] = [];
  const noteLines = (at: number) => {
    for (const n of notes) if (n.at === at) lines.push(`  # ${scrubber.scrub(n.path)}: ${n.text}`);
  };
  attributes.forEach((attr, i) => {
    noteLines(i);
    const path = paths[i]!.padEnd(width);
    const suffix = attr.forcesReplacement ? '  # forces replacement' : '';
    if (attr.flag !== undefined) lines.push(`! ${path}   ${attr.flag}${suffix}`);
    else if (action === 'read') lines.push(`  ${path} = ${one(attr.after ?? attr.before ?? 'null')}`);
    else if (attr.before !== undefined && attr.after !== undefined) {
      const [b, a] = windowPair(scrubber.scrub(attr.before), scrubber.scrub(attr.after), MAX_VALUE_CHARS);
      lines.push(`! ${path} = ${b} -> ${a}${suffix}`);
    } else if (attr.after !== undefined) lines.push(`+ ${path} = ${one(attr.after)}${suffix}`);
    else lines.push(`- ${path} = ${one(attr.before ?? 'null')}${suffix}`);
  });
  noteLines(attributes.length);
  // Notes placed past the end (defensive) still show.
  for (const n of notes) if (n.at > attributes.length) lines.push(`  # ${scrubber.scrub(n.path)}: ${n.text}`);
  return lines;
}

/** A fenced ```diff block, or nothing when there are no lines. */
export function diffBlock(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return undefined;
  const body = lines.join('\n');
  const fence = fenceFor(body);
  return `${fence}diff\n${body}\n${fence}`;
}

/** The header's remarks: deposed object, import id, old address, reason. */
function remarks(change: ResourceChangeSummary, scrubber: SecretScrubber): string {
  let text = '';
  if (change.deposed) text += ` (deposed object ${inlineCode(change.deposed)})`;
  if (change.previousAddress !== undefined)
    text += ` — moved from ${inlineCode(scrubber.scrub(change.previousAddress))}`;
  if (change.importing) {
    const id = change.importing.id;
    text += id === undefined ? ' — imported' : ` — imported from id ${inlineCode(scrubber.scrub(id))}`;
  }
  if (change.reason) text += ` — ${reasonText(change.reason)}`;
  return text;
}

export const actionLabel = (change: ResourceChangeSummary): string =>
  change.action === 'replace' && change.replaceOrder ? REPLACE_LABEL[change.replaceOrder] : ACTION_LABEL[change.action];

/** Markdown for one change: header line, and (when attributes changed) a blank line and a diff block. */
export function renderResourceChange(change: ResourceChangeSummary, scrubber: SecretScrubber): string {
  const header = `**${actionLabel(change)}** ${inlineCode(scrubber.scrub(change.address))}${remarks(change, scrubber)}`;
  const block = diffBlock(diffLines(change.action, change.attributes, change.notes ?? [], scrubber));
  return block ? `${header}\n\n${block}` : header;
}
