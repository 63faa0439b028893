// Which stack (Terraform state) each spec lives in, as its kind's placement says (src/kinds/stack-names.ts): identity
// kinds share one (or, in the per-spec layout, each Okta user and group has its own and the roles share `sso`), each
// EC2 instance and bucket has its own so it plans, locks and expires alone.
import { kindRegistry } from '../kinds/index.js';
import type { StackLayout } from '../kinds/kind-definition.js';
import type { KindRegistry, KindedSpec } from '../kinds/registry.js';
import type { IntentSpec } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { byCodePoint } from './by-code-point.js';
import { SynthError } from './errors.js';

export { IDENTITY_STACK } from '../kinds/stack-names.js';

export const stackNameFor = (spec: KindedSpec<IntentSpec['kind']>, layout: StackLayout): string =>
  kindRegistry.stackNameFor(spec, layout);

export interface StackPlan {
  name: string;
  /** Specs in this stack, sorted by kind then name. */
  specs: IntentSpec[];
}

export { byCodePoint } from './by-code-point.js';

/** Plan and apply order: Okta stacks first (groups, users, then the federation; `stackRank`), then by name. */
export const byStackName = (a: string, b: string, kinds: KindRegistry<string> = kindRegistry): number =>
  a === b ? 0 : kinds.stackRank(a) - kinds.stackRank(b) || byCodePoint(a, b);

/** Groups specs into stacks, sorted by `byStackName`; throws on two specs with the same kind and name. */
export function planStacks(
  specs: readonly IntentSpec[],
  layout: StackLayout,
  kinds: KindRegistry<string> = kindRegistry,
): StackPlan[] {
  const sorted = [...specs].sort(
    (a, b) => byCodePoint(a.kind, b.kind) || byCodePoint(a.metadata.name, b.metadata.name),
  );
  const stacks = new Map<string, IntentSpec[]>();
  let previous: string | undefined;
  for (const spec of sorted) {
    const key = specKey(spec);
    if (key === previous) throw new SynthError('duplicate-spec', `${key} is declared twice (in ${spec.file})`);
    previous = key;
    const name = kinds.stackNameFor(spec, layout);
    const members = stacks.get(name);
    if (members) members.push(spec);
    else stacks.set(name, [spec]);
  }
  return [...stacks.entries()]
    .sort(([a], [b]) => byStackName(a, b, kinds))
    .map(([name, members]) => ({ name, specs: members }));
}
