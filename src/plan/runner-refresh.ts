// Whether a plan refreshes, and how much state it started from: the two facts the plan comment reports per stack.
import { kindRegistry } from '../kinds/index.js';
import { priorManagedResources } from './prior-state.js';

/** `terraform.refreshOnPrPlan` in .github/infra.yml. */
export type RefreshOnPrPlan = 'auto' | 'always' | 'never';

/**
 * Whether a pull request's plan of `stack` refreshes. `auto` spares the Okta stacks only: the shared identity stack's
 * refresh reads every Okta user, group and membership in the state (9,850 objects for 4,900 people), against a rate
 * limit the Okta org shares with every other integration, while an AWS stack's refresh reads a handful of objects (in
 * the per-spec layout an Okta stack is small too, but a PR touching many of them would still spend the budget). Skipping is safe
 * because the apply plans again WITH refresh and refuses a change set other than the approved one (apply-stack.ts).
 */
export function refreshesOnPrPlan(setting: RefreshOnPrPlan, stack: string): boolean {
  switch (setting) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return !kindRegistry.isOktaStack(stack);
  }
}

/** Managed resources in a plan's `prior_state` (root and child modules): what a refresh reads, or skipped reading. */
export const stateResourceCount = (plan: unknown): number => priorManagedResources(plan).length;
