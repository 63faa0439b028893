// One resource change as Markdown: a bold action label with the address, then its attributes in a ```diff block.
// Values stay inside the code fence (rendered literally); the fence is longer than any backtick run inside.
import type { SecretScrubber } from './render-redact.js';
import { fenceFor, inlineCode, truncateText } from './render-escape.js';
import type { AttributeChange, ChangeAction, ResourceChangeSummary } from './summarize-plan.js';

/** Longest value shown in full; longer ones are cut with a visible count (policies can run to kilobytes). */
export const MAX_VALUE_CHARS = 500;
const MAX_PATH_PAD = 40;

export const ACTION_LABEL: Record<ChangeAction, string> = {
  create: '+ create',
  update: '~ update in place',
  delete: '- destroy',
  replace: '± replace',
  read: '<= read',
  forget: '⊘ forget (removed from state, left running)',
};

/** Resource headers start like this, so a cut can count how many resources it dropped. */
export const RESOURCE_HEADER = /^\*\*(\+|~|-|±|<=|⊘) /;

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

const reasonText = (reason: string): string => REASONS[reason] ?? inlineCode(reason);

function diffLines(action: ChangeAction, attributes: AttributeChange[], scrubber: SecretScrubber): string[] {
  const paths = attributes.map((a) => scrubber.scrub(a.path));
  const width = Math.min(MAX_PATH_PAD, Math.max(0, ...paths.map((p) => p.length)));
  const value = (text: string) => truncateText(scrubber.scrub(text), MAX_VALUE_CHARS);
  return attributes.map((attr, i) => {
    const path = paths[i]!.padEnd(width);
    const suffix = attr.forcesReplacement ? '  # forces replacement' : '';
    if (action === 'read') return `  ${path} = ${value(attr.after ?? attr.before ?? 'null')}`;
    if (attr.before !== undefined && attr.after !== undefined) {
      return `! ${path} = ${value(attr.before)} -> ${value(attr.after)}${suffix}`;
    }
    if (attr.after !== undefined) return `+ ${path} = ${value(attr.after)}${suffix}`;
    return `- ${path} = ${value(attr.before ?? 'null')}${suffix}`;
  });
}

/** Markdown for one change: header line, and (when attributes changed) a blank line and a diff block. */
export function renderResourceChange(change: ResourceChangeSummary, scrubber: SecretScrubber): string {
  let header = `**${ACTION_LABEL[change.action]}** ${inlineCode(scrubber.scrub(change.address))}`;
  if (change.deposed) header += ` (deposed object ${inlineCode(change.deposed)})`;
  if (change.reason) header += ` — ${reasonText(change.reason)}`;
  if (change.attributes.length === 0) return header;
  const body = diffLines(change.action, change.attributes, scrubber).join('\n');
  const fence = fenceFor(body);
  return `${header}\n\n${fence}diff\n${body}\n${fence}`;
}
