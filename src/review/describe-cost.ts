// Cost figures as text, shared by the Markdown table and the Slack list.
import { roughDuration } from './describe-time.js';
import type { CostEstimate, StackCost } from './cost/estimate-cost.js';
import { formatDelta, formatUsd, type Amount } from './cost/money.js';

export const UNKNOWN_COST = 'unknown';

/** `—` when nothing exists on that side. */
export const amountText = (amount: Amount | undefined): string =>
  amount === undefined ? '—' : amount.known ? formatUsd(amount.usd) : UNKNOWN_COST;

export const deltaText = (amount: Amount): string => (amount.known ? formatDelta(amount.usd) : UNKNOWN_COST);

/** Why a figure is unknown, and what a spec that expires costs until then. */
export function costNote(cost: StackCost): string {
  const notes: string[] = [];
  for (const amount of [cost.before, cost.after]) {
    if (amount && !amount.known && !notes.includes(amount.reason)) notes.push(amount.reason);
  }
  if (cost.untilExpiry) {
    const { amount, expiry } = cost.untilExpiry;
    const until =
      expiry.inMs === undefined
        ? `over its ttl of ${expiry.ttl ?? '?'}`
        : `until it expires in ${roughDuration(Math.max(0, expiry.inMs))}`;
    if (amount.known) notes.push(`≈ ${formatUsd(amount.usd)} ${until}`);
  }
  return notes.join('; ');
}

export const pricesNote = (estimate: CostEstimate): string =>
  `${estimate.prices.currency}, public list prices of ${estimate.prices.date} from ${estimate.prices.source}`;
