// Stack names, built and parsed here only: `identity` (the shared stack of the identity kinds) and `<prefix>-<name>`
// for a kind with a stack per spec (`ec2-devbox`, `s3-logs`). A name no kind can have is an error, never a guess.
import type { AnyKindDefinition } from './kind-definition.js';

export const IDENTITY_STACK = 'identity';

/** Spec names are DNS labels (specs/kinds/common.ts), so `<prefix>-<name>` splits at the first `-` only. */
const NAME = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';

/** What a stack name says: the shared stack, or the one spec whose own stack it is. */
export type StackOwner<K extends string = string> = { shared: string } | { kind: K; name: string };

export type ParsedStackName<K extends string = string> =
  { ok: true; owner: StackOwner<K> } | { ok: false; error: string };

type Definitions<K extends string> = readonly AnyKindDefinition<K>[];

export function stackNameOf<K extends string>(definition: AnyKindDefinition<K>, specName: string): string {
  const placement = definition.placement;
  return 'shared' in placement ? placement.shared : `${placement.ownStack}-${specName}`;
}

const sharedStacks = <K extends string>(definitions: Definitions<K>): string[] => [
  ...new Set(definitions.flatMap((d) => ('shared' in d.placement ? [d.placement.shared] : []))),
];

export function parseStackName<K extends string>(definitions: Definitions<K>, stack: string): ParsedStackName<K> {
  if (sharedStacks(definitions).includes(stack)) return { ok: true, owner: { shared: stack } };
  for (const definition of definitions) {
    const placement = definition.placement;
    if (!('ownStack' in placement)) continue;
    const name = stack.startsWith(`${placement.ownStack}-`) ? stack.slice(placement.ownStack.length + 1) : undefined;
    if (name !== undefined && new RegExp(`^${NAME}$`).test(name)) {
      return { ok: true, owner: { kind: definition.kind, name } };
    }
  }
  return { ok: false, error: `"${stack}" is not a stack name: stacks are ${stackNamesText(definitions)}` };
}

/** `identity`, `ec2-<name>` and `s3-<name>`, as Markdown code spans. */
export function stackNamesText<K extends string>(definitions: Definitions<K>): string {
  const own = [...new Set(definitions.flatMap((d) => ('ownStack' in d.placement ? [d.placement.ownStack] : [])))];
  const names = [...sharedStacks(definitions), ...own.map((prefix) => `${prefix}-<name>`)].map((n) => `\`${n}\``);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}` : names.join('');
}

/** A regular-expression source matching exactly the stack names these kinds can have (no anchors, no groups). */
export function stackNamePattern<K extends string>(definitions: Definitions<K>): string {
  const own = [...new Set(definitions.flatMap((d) => ('ownStack' in d.placement ? [d.placement.ownStack] : [])))];
  const alternatives = [...sharedStacks(definitions), ...own.map((prefix) => `${prefix}-${NAME}`)];
  return `(?:${alternatives.join('|')})`;
}
