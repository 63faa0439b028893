// The cost check: fails when the estimated monthly cost rises above `policy.maxMonthlyCostIncrease`. Unknown figures
// never pass as zero: with a limit set, a rise that cannot be bounded fails and says which costs are unknown.
import type { RepoConfig } from '../../config/repo-config-schema.js';
import type { CostEstimate } from './estimate-cost.js';
import { formatDelta, formatUsd } from './money.js';

export interface CostCheckResult {
  conclusion: 'success' | 'failure';
  message: string;
}

export function costCheck(
  estimate: CostEstimate,
  policy: Pick<RepoConfig['policy'], 'maxMonthlyCostIncrease'>,
): CostCheckResult {
  const limit = policy.maxMonthlyCostIncrease;
  const unknowns = estimate.stacks.filter((s) => !s.delta.known);
  const why = unknowns.map((s) => `${s.stack}: ${s.delta.known ? '' : s.delta.reason}`).join('; ');
  const change = estimate.total.known
    ? `The estimated monthly cost changes by ${formatDelta(estimate.total.usd)}`
    : `The estimated monthly cost change is unknown (${why})`;
  if (estimate.stacks.length === 0)
    return { conclusion: 'success', message: 'No change to the estimated monthly cost.' };
  if (limit === undefined)
    return { conclusion: 'success', message: `${change}; no policy.maxMonthlyCostIncrease is set.` };

  const cap = `policy.maxMonthlyCostIncrease (${formatUsd(limit)})`;
  if (estimate.total.known) {
    return above(estimate.total.usd, limit)
      ? { conclusion: 'failure', message: `${change}, above ${cap}.` }
      : { conclusion: 'success', message: `${change}, within ${cap}.` };
  }
  const bound = estimate.maxIncrease;
  if (bound !== undefined && !above(bound, limit)) {
    return {
      conclusion: 'success',
      message: `${change}, but it cannot rise by more than ${formatUsd(bound)}: within ${cap}.`,
    };
  }
  return { conclusion: 'failure', message: `${change}, so it cannot be confirmed within ${cap}.` };
}

/** Compared in cents, as shown: `+$10.00` is never reported as above a `$10.00` limit. */
const above = (usd: number, limit: number) => Math.round(usd * 100) > Math.round(limit * 100);
