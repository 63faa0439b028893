// Drift (`resource_drift`): objects changed outside infra-bot since the last apply. Terraform already refreshed
// them; the plan's changes are computed against what is really there, so a reviewer should know it happened.
import { diffBlock, diffLines } from './render-resource-diff.js';
import { formatNumber, inlineCode } from './render-escape.js';
import type { SecretScrubber } from './render-redact.js';
import type { PlanSummary, ResourceChangeSummary } from './summarize-plan.js';

function renderDrifted(change: ResourceChangeSummary, scrubber: SecretScrubber): string {
  const what = change.action === 'delete' ? 'deleted outside infra-bot' : 'changed outside infra-bot';
  const line = `- ${inlineCode(scrubber.scrub(change.address))} ${what}`;
  // A deleted object's former attributes would be a wall of removals that nobody can act on.
  if (change.action === 'delete') return line;
  const block = diffBlock(diffLines('update', change.attributes, change.notes ?? [], scrubber));
  return block ? `${line}\n\n${block.replace(/^/gm, '  ')}` : line;
}

/** `undefined` when nothing drifted; else a heading line and one item per drifted object. */
export function renderDrift(summary: PlanSummary, scrubber: SecretScrubber): string | undefined {
  const drift = summary.drift ?? [];
  if (drift.length === 0) return undefined;
  const n = drift.length;
  const head =
    `**Changed outside infra-bot** — ${formatNumber(n)} object${n === 1 ? '' : 's'} drifted since the last apply ` +
    '(already refreshed: the plan is computed against what is really there):';
  return [head, ...drift.map((d) => renderDrifted(d, scrubber))].join('\n\n');
}
