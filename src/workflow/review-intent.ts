import { confirmMigration } from './layout-migration.js';
import type { RepoConfig } from '../config/repo-config-schema.js';
import type { PlanSummary } from '../plan/summarize-plan.js';
import { checkSsoChain } from '../review/chain-checks.js';
import type { ChainFinding } from '../review/chain-checks.js';
import { confirmAgainstPlan } from '../review/confirm-against-plan.js';
import { confirmPolicies } from '../review/confirm-policies.js';
import type { PlanPermissionFacts } from '../review/plan-policies.js';
import { costCheck } from '../review/cost/cost-check.js';
import type { CostCheckResult } from '../review/cost/cost-check.js';
import { estimateCost } from '../review/cost/estimate-cost.js';
import type { CostEstimate } from '../review/cost/estimate-cost.js';
import { loadPriceTable } from '../review/cost/price-table.js';
import type { PriceTable } from '../review/cost/price-table.js';
import { diffIntent } from '../review/intent-changes.js';
import type { BaseInput, IntentChanges } from '../review/intent-changes.js';
import { renderIntentSummary } from '../review/render-intent-summary.js';
import { renderIntentSummarySlack } from '../review/render-intent-summary-slack.js';
import type { IntentSpec } from '../specs/model.js';
import type { SynthesizedStack } from '../synth/synthesize.js';

let prices: Promise<PriceTable> | undefined;

export interface IntentReview {
  changes: IntentChanges;
  chain: ChainFinding[];
  cost: CostEstimate;
  costVerdict: CostCheckResult;
}

/** What the PR means in people's terms (access, resources, expiries, cost), before any plan runs. */
export async function reviewIntent(input: {
  base: BaseInput | undefined;
  head: readonly IntentSpec[];
  headStacks: readonly SynthesizedStack[];
  config: RepoConfig;
  now: Date;
  expiries: ReadonlyMap<string, string>;
}): Promise<IntentReview> {
  const changes = diffIntent({
    base: input.base,
    head: input.head,
    now: input.now,
    expiries: input.expiries,
    layout: input.config.identity.stackLayout,
    ...(input.config.sso && { awsAccountId: input.config.sso.awsAccountId }),
  });
  const chain = checkSsoChain({ specs: input.head, stacks: input.headStacks, config: input.config });
  prices ??= loadPriceTable();
  const cost = estimateCost(changes, { prices: await prices });
  return { changes, chain, cost, costVerdict: costCheck(cost, input.config.policy) };
}

/** The summary for the plan comment (Markdown) and for the Slack approval request (mrkdwn). */
export function renderReview(
  review: IntentReview,
  plans: ReadonlyMap<string, PlanSummary>,
  permissions: ReadonlyMap<string, PlanPermissionFacts> = new Map(),
  /** A layout migration: no spec changes, so its plans are checked against what a move may do instead. */
  migration = false,
): { markdown: string; slack: string } {
  const input = {
    changes: review.changes,
    cost: review.cost,
    chain: review.chain,
    planWarnings: migration ? confirmMigration(plans) : confirmAgainstPlan(review.changes, plans, permissions),
    policyCheck: confirmPolicies(review.changes, permissions),
  };
  return { markdown: renderIntentSummary(input), slack: renderIntentSummarySlack(input).sections.join('\n\n') };
}
