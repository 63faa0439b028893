// Which planned resources may show their user data: the primary resource of each spec whose kind says its user data
// may be shown (`userData`; for Ec2Instance, spec.showUserDataInPlans). Everything else keeps user data hidden in plans (summarizePlan's
// SummarizeOptions.userDataShownFor).
import { kindOf } from '../kinds/index.js';
import type { IntentSpec } from '../specs/model.js';
import { stackNameFor } from '../synth/stacks.js';
import { primaryAddress } from './resource-owner.js';

/** Addresses, as the plan of `stack` names them, whose user data may be shown. */
export function userDataShownFor(specs: readonly IntentSpec[], stack: string): ReadonlySet<string> {
  const shown = new Set<string>();
  for (const spec of specs) {
    if (kindOf(spec).userData(spec) !== 'shown') continue;
    if (stackNameFor(spec) === stack) shown.add(primaryAddress(spec));
  }
  return shown;
}
