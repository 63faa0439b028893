// Which planned resources may show their user data: the primary resource of each spec whose kind says its user data
// may be shown (`userData`; for Ec2Instance, spec.showUserDataInPlans). Everything else keeps user data hidden in plans (summarizePlan's
// SummarizeOptions.userDataShownFor).
import { kindOf } from '../kinds/index.js';
import type { IntentSpec } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { primaryAddress } from './resource-owner.js';

/** Addresses, as the plan of a stack holding `inStack` (its spec keys) names them, whose user data may be shown. */
export function userDataShownFor(specs: readonly IntentSpec[], inStack: readonly string[]): ReadonlySet<string> {
  const shown = new Set<string>();
  const members = new Set(inStack);
  for (const spec of specs) {
    if (kindOf(spec).userData(spec) !== 'shown') continue;
    if (members.has(specKey(spec))) shown.add(primaryAddress(spec));
  }
  return shown;
}
