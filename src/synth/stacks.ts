// Which stack (Terraform state) each spec lives in: identity kinds share one, each EC2 instance and bucket has its own
// so it plans, locks and expires alone.
import type { IntentSpec, Kind } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { SynthError } from './errors.js';

export const IDENTITY_STACK = 'identity';

const IDENTITY_KINDS: ReadonlySet<Kind> = new Set(['OktaUser', 'OktaGroup', 'IamSsoRole']);

export function stackNameFor(spec: IntentSpec): string {
  switch (spec.kind) {
    case 'Ec2Instance':
      return `ec2-${spec.metadata.name}`;
    case 'S3Bucket':
      return `s3-${spec.metadata.name}`;
    default:
      return IDENTITY_STACK;
  }
}

export const isIdentitySpec = (spec: IntentSpec): boolean => IDENTITY_KINDS.has(spec.kind);

export interface StackPlan {
  name: string;
  /** Specs in this stack, sorted by kind then name. */
  specs: IntentSpec[];
}

/** Code-point order: the same on every machine, whatever its locale. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `identity` first, then the rest by name. */
export const byStackName = (a: string, b: string): number =>
  a === b ? 0 : a === IDENTITY_STACK ? -1 : b === IDENTITY_STACK ? 1 : byCodePoint(a, b);

/** Groups specs into stacks, sorted by `byStackName`; throws on two specs with the same kind and name. */
export function planStacks(specs: readonly IntentSpec[]): StackPlan[] {
  const sorted = [...specs].sort(
    (a, b) => byCodePoint(a.kind, b.kind) || byCodePoint(a.metadata.name, b.metadata.name),
  );
  const stacks = new Map<string, IntentSpec[]>();
  let previous: string | undefined;
  for (const spec of sorted) {
    const key = specKey(spec);
    if (key === previous) throw new SynthError('duplicate-spec', `${key} is declared twice (in ${spec.file})`);
    previous = key;
    const name = stackNameFor(spec);
    const members = stacks.get(name);
    if (members) members.push(spec);
    else stacks.set(name, [spec]);
  }
  return [...stacks.entries()]
    .sort(([a], [b]) => byStackName(a, b))
    .map(([name, members]) => ({ name, specs: members }));
}
