// Whether a plan refreshes, and how much state it started from: the two facts the plan comment reports per stack.
import { kindRegistry } from '../kinds/index.js';

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

interface StateModule {
  resources?: Array<{ mode?: unknown }>;
  child_modules?: StateModule[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Managed resources in a plan's `prior_state` (root and child modules): what a refresh reads, or skipped reading. */
export function stateResourceCount(plan: unknown): number {
  const priorState = isObject(plan) ? plan.prior_state : undefined;
  const values = isObject(priorState) ? priorState.values : undefined;
  const root = isObject(values) ? values.root_module : undefined;
  const count = (module: unknown): number => {
    if (!isObject(module)) return 0;
    const { resources, child_modules: children } = module as StateModule;
    const own = Array.isArray(resources) ? resources.filter((r) => isObject(r) && r.mode === 'managed').length : 0;
    return own + (Array.isArray(children) ? children.reduce((sum, child) => sum + count(child), 0) : 0);
  };
  return count(root);
}
