// Which planned resources may show their user data: the `aws_instance` of each Ec2Instance spec that says its user
// data is not secret (spec.showUserDataInPlans). Everything else keeps user data hidden in plans (summarizePlan's
// SummarizeOptions.userDataShownFor).
import type { IntentSpec } from '../specs/model.js';
import { stackNameFor } from '../synth/stacks.js';
import { primaryAddress } from './resource-owner.js';

/** Addresses, as the plan of `stack` names them, whose user data may be shown. */
export function userDataShownFor(specs: readonly IntentSpec[], stack: string): ReadonlySet<string> {
  const shown = new Set<string>();
  for (const spec of specs) {
    if (spec.kind !== 'Ec2Instance' || spec.spec.showUserDataInPlans !== true) continue;
    if (stackNameFor(spec) === stack) shown.add(primaryAddress(spec));
  }
  return shown;
}
