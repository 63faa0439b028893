// A plan's output changes as one Markdown block: outputs are applied like resources, so a reviewer must see them.
import { diffBlock, diffLines } from './render-resource-diff.js';
import { formatNumber, inlineCode } from './render-escape.js';
import type { SecretScrubber } from './render-redact.js';
import type { OutputChangeSummary, PlanSummary } from './summarize-plan.js';

const VERB: Record<OutputChangeSummary['action'], string> = { create: 'added', update: 'changed', delete: 'removed' };

function renderOutput(output: OutputChangeSummary, scrubber: SecretScrubber): string {
  const line = `- ${inlineCode(scrubber.scrub(output.name))} ${VERB[output.action]}`;
  const action = output.action === 'create' ? 'create' : output.action === 'delete' ? 'delete' : 'update';
  const block = diffBlock(diffLines(action, output.attributes, output.notes ?? [], scrubber));
  // Indented under its list item so the block stays attached to the output it describes.
  return block ? `${line}\n\n${block.replace(/^/gm, '  ')}` : line;
}

/** `undefined` when no output changes; else a heading line and one item per output. */
export function renderOutputChanges(summary: PlanSummary, scrubber: SecretScrubber): string | undefined {
  const outputs = summary.outputs ?? [];
  if (outputs.length === 0) return undefined;
  const n = outputs.length;
  const head = `**Outputs** — ${formatNumber(n)} output${n === 1 ? '' : 's'} will change:`;
  return [head, ...outputs.map((o) => renderOutput(o, scrubber))].join('\n\n');
}
