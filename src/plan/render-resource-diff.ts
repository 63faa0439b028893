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

/** `ingress.1.from_port` → block `ingress.1`, inner `from_port`: a nested block element and a path inside it. */
const BLOCK_PATH = /^([A-Za-z0-9_-]+\.\d+)\.(.+)$/;

interface Row {
  path: string;
  attr?: AttributeChange;
  note?: DiffNote;
}

/** The block element a row belongs to; a digit after the first dot is needed first (most paths have none). */
function blockOf(row: Row): string | undefined {
  const dot = row.path.indexOf('.');
  const next = dot < 0 ? NaN : row.path.charCodeAt(dot + 1);
  if (!(next >= 48 && next <= 57)) return undefined;
  return BLOCK_PATH.exec(row.path)?.[1];
}

/** Rows in display order: each note before the attribute it precedes. */
function rowsOf(attributes: readonly AttributeChange[], notes: readonly DiffNote[], scrubber: SecretScrubber): Row[] {
  const rows: Row[] = [];
  const noteRows = (keep: (at: number) => boolean) => {
    for (const note of notes) if (keep(note.at)) rows.push({ path: scrubber.scrub(note.path), note });
  };
  attributes.forEach((attr, i) => {
    noteRows((at) => at === i);
    rows.push({ path: scrubber.scrub(attr.path), attr });
  });
  noteRows((at) => at >= attributes.length);
  return rows;
}

/** Runs of rows: two or more attributes of the same block element read nested; everything else flat. */
function runsOf(rows: readonly Row[]): { block?: string; rows: Row[] }[] {
  const runs: { block?: string; rows: Row[] }[] = [];
  const blocks = rows.map(blockOf);
  let i = 0;
  while (i < rows.length) {
    const block = blocks[i];
    let end = i;
    while (end + 1 < rows.length && block !== undefined && blocks[end + 1] === block) end++;
    const group = rows.slice(i, end + 1);
    if (block !== undefined && group.filter((r) => r.attr).length >= 2) runs.push({ block, rows: group });
    else {
      const last = runs[runs.length - 1];
      if (last && last.block === undefined) last.rows.push(...group);
      else runs.push({ rows: group });
    }
    i = end + 1;
  }
  return runs;
}

/** The ```diff lines of a list of attribute changes, with context notes at their place. */
export function diffLines(
  action: ChangeAction,
  attributes: readonly AttributeChange[],
  notes: readonly DiffNote[],
  scrubber: SecretScrubber,
): string[] {
  const one = (text: string) => truncateText(scrubber.scrub(text), MAX_SINGLE_VALUE_CHARS);
  const line = (attr: AttributeChange, path: string): string => {
    const suffix = attr.forcesReplacement ? '  # forces replacement' : '';
    if (attr.flag !== undefined) return `! ${path}   ${attr.flag}${suffix}`;
    if (action === 'read') return `  ${path} = ${one(attr.after ?? attr.before ?? 'null')}`;
    if (attr.before !== undefined && attr.after !== undefined) {
      const [b, a] = windowPair(scrubber.scrub(attr.before), scrubber.scrub(attr.after), MAX_VALUE_CHARS);
      return `! ${path} = ${b} -> ${a}${suffix}`;
    }
    if (attr.after !== undefined) return `+ ${path} = ${one(attr.after)}${suffix}`;
    return `- ${path} = ${one(attr.before ?? 'null')}${suffix}`;
  };
  const lines: string[] = [];
  const runs = runsOf(rowsOf(attributes, notes, scrubber));
  /** The widest attribute path of `rows` (less `inner` leading characters), capped. */
  const widthOf = (rows: readonly Row[], inner: number) => {
    let width = 0;
    for (const row of rows) if (row.attr && row.path.length - inner > width) width = row.path.length - inner;
    return Math.min(MAX_PATH_PAD, width);
  };
  // Flat rows share one column, wherever they sit; each nested block aligns its own.
  let flatWidth = 0;
  for (const run of runs) if (run.block === undefined) flatWidth = Math.max(flatWidth, widthOf(run.rows, 0));
  for (const run of runs) {
    const block = run.block;
    if (block === undefined) {
      for (const row of run.rows) {
        lines.push(row.note ? `  # ${row.path}: ${row.note.text}` : line(row.attr!, row.path.padEnd(flatWidth)));
      }
      continue;
    }
    const inner = block.length + 1;
    const width = widthOf(run.rows, inner);
    lines.push(`  ${block} {`);
    for (const row of run.rows) {
      const shown = row.path.slice(inner);
      if (row.note) lines.push(`    # ${shown}: ${row.note.text}`);
      else {
        const text = line(row.attr!, shown.padEnd(width));
        lines.push(`${text.slice(0, 2)}  ${text.slice(2)}`);
      }
    }
    lines.push('  }');
  }
  return lines;
}

/** A fenced ```diff block, or nothing when there are no lines. */
export function diffBlock(lines: readonly string[]): string | undefined {
  if (lines.length === 0) return undefined;
  const body = lines.join('\n');
  const fence = fenceFor(body);
  return `${fence}diff\n${body}\n${fence}`;
}

/** Appends `text.split('\n')` to `out`; text without a newline (nearly all) is appended as it is. */
export function pushLines(out: string[], text: string): void {
  if (!text.includes('\n')) out.push(text);
  else for (const line of text.split('\n')) out.push(line);
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
  return renderResourceChangeLines(change, scrubber).join('\n');
}

/** `renderResourceChange(change, scrubber).split('\n')`, made without joining the diff block first. */
export function renderResourceChangeLines(change: ResourceChangeSummary, scrubber: SecretScrubber): string[] {
  const header = `**${actionLabel(change)}** ${inlineCode(scrubber.scrub(change.address))}${remarks(change, scrubber)}`;
  const out: string[] = [];
  pushLines(out, header);
  const lines = diffLines(change.action, change.attributes, change.notes ?? [], scrubber);
  if (lines.length === 0) return out;
  // A backtick run cannot span lines: the longest in any line sizes the fence as it would for the whole body.
  let fence = '```';
  for (const line of lines) if (line.includes('`')) fence = longerFence(fence, fenceFor(line));
  out.push('', `${fence}diff`);
  for (const line of lines) pushLines(out, line);
  out.push(fence);
  return out;
}

const longerFence = (a: string, b: string) => (b.length > a.length ? b : a);
