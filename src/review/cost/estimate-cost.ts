// Monthly cost per stack, before and after this pull request, and the difference. Stacks whose cost does not
// change are left out: nothing is said about them.
import type { SpecKey } from '../../specs/model.js';
import type { Expiry } from '../expiry.js';
import type { IntentChanges, SpecChange } from '../intent-changes.js';
import { known, unknown, type Amount } from './money.js';
import type { PriceTable } from './price-table.js';
import {
  DEFAULT_S3_ASSUMPTION,
  HOURS_PER_MONTH,
  specMonthlyCost,
  type S3Assumption,
  type SpecCost,
} from './spec-cost.js';

export interface CostOptions {
  prices: PriceTable;
  s3?: S3Assumption;
}

export interface StackCost {
  stack: string;
  spec: SpecKey;
  /** Absent: nothing on that side (created / destroyed). */
  before?: Amount;
  after?: Amount;
  delta: Amount;
  /** How each side was priced. */
  basis: string;
  /** A spec that expires: what it costs until then. */
  untilExpiry?: { amount: Amount; expiry: Expiry };
}

export interface CostEstimate {
  prices: Pick<PriceTable, 'date' | 'source' | 'currency' | 'notice'>;
  /** Usage assumptions behind the figures shown. */
  assumptions: string[];
  stacks: StackCost[];
  /** Net monthly change. */
  total: Amount;
  /**
   * The most the monthly cost can rise: exact when every figure is known; an upper bound when only base-side figures
   * are unknown (a cost is never below zero); undefined when a head-side figure is unknown.
   */
  maxIncrease: number | undefined;
}

const BASE_UNREADABLE = unknown('the base branch specs could not be read');

export function estimateCost(changes: IntentChanges, options: CostOptions): CostEstimate {
  const s3 = options.s3 ?? DEFAULT_S3_ASSUMPTION;
  const stacks: StackCost[] = [];
  const assumptions = new Set<string>();
  for (const change of changes.specs) {
    if (change.type === 'expiring') continue;
    const before = change.before && specMonthlyCost(change.before, options.prices, s3);
    const after = change.after && specMonthlyCost(change.after, options.prices, s3);
    if (!before && !after) continue;
    if (before && after && before.drivers === after.drivers) continue;
    const base = changes.base === 'invalid' ? BASE_UNREADABLE : before?.monthly;
    stacks.push(stackCost(change, base, after, before?.basis));
    const assumes = after?.assumes ?? before?.assumes;
    if (assumes) assumptions.add(assumes);
  }
  return {
    prices: {
      date: options.prices.date,
      source: options.prices.source,
      currency: options.prices.currency,
      notice: options.prices.notice,
    },
    assumptions: [...assumptions],
    stacks,
    total: sum(stacks.map((s) => s.delta)),
    maxIncrease: maxIncrease(stacks),
  };
}

function stackCost(
  change: SpecChange,
  before: Amount | undefined,
  after: SpecCost | undefined,
  beforeBasis: string | undefined,
): StackCost {
  const zero = known(0);
  const b = before ?? zero;
  const a = after?.monthly ?? zero;
  const delta = !b.known ? b : !a.known ? a : known(a.usd - b.usd);
  const cost: StackCost = {
    stack: change.stack,
    spec: change.key,
    ...(before && { before }),
    ...(after && { after: after.monthly }),
    delta,
    basis: after?.basis ?? beforeBasis ?? '',
  };
  const expiry = change.after && after ? change.expiry?.after : undefined;
  const hours = expiry && hoursLeft(expiry);
  if (expiry && hours !== undefined) {
    const amount = a.known ? known((a.usd * hours) / HOURS_PER_MONTH) : a;
    cost.untilExpiry = { amount, expiry };
  }
  return cost;
}

function hoursLeft(expiry: Expiry): number | undefined {
  if (expiry.inMs !== undefined) return Math.max(0, expiry.inMs) / 3_600_000;
  if (expiry.ttlMs !== undefined) return expiry.ttlMs / 3_600_000;
  return undefined;
}

function sum(amounts: readonly Amount[]): Amount {
  let total = 0;
  for (const amount of amounts) {
    if (!amount.known) return unknown('some costs are unknown');
    total += amount.usd;
  }
  return known(total);
}

function maxIncrease(stacks: readonly StackCost[]): number | undefined {
  let bound = 0;
  for (const s of stacks) {
    if (s.delta.known) bound += s.delta.usd;
    else if (!s.after)
      continue; // destroyed: the cost can only fall
    else if (s.after.known) bound += s.after.usd;
    else return undefined;
  }
  return bound;
}
