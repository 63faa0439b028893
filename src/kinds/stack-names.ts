// Stack names, built and parsed here only: a shared stack (`identity`; `sso` for the SAML federation in the per-spec
// layout) and `<prefix>-<name>` for a kind with a stack per spec (`ec2-devbox`, `s3-logs`, `okta-user-ada`). A name no
// kind can have, in either layout, is an error, never a guess.
import { STACK_LAYOUTS, type AnyKindDefinition, type StackLayout, type StackPlacement } from './kind-definition.js';

export const IDENTITY_STACK = 'identity';
/** The SAML federation and every IamSsoRole, in the per-spec layout. */
export const SSO_STACK = 'sso';

/** Spec names are DNS labels (specs/kinds/common.ts), so `<prefix>-<name>` is split at the kind's known prefix. */
const NAME = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
const NAME_ONLY = new RegExp(`^${NAME}$`);

/** What a stack name says: a shared stack, or the one spec whose own stack it is. */
export type StackOwner<K extends string = string> = { shared: string } | { kind: K; name: string };

export type ParsedStackName<K extends string = string> =
  { ok: true; owner: StackOwner<K> } | { ok: false; error: string };

type Definitions<K extends string> = readonly AnyKindDefinition<K>[];

export function stackNameOf<K extends string>(
  definition: AnyKindDefinition<K>,
  specName: string,
  layout: StackLayout,
): string {
  const placement = definition.placement[layout];
  return 'shared' in placement ? placement.shared : `${placement.ownStack}-${specName}`;
}

/** Every placement of every kind, in either layout. */
const placements = <K extends string>(definitions: Definitions<K>): [AnyKindDefinition<K>, StackPlacement][] =>
  definitions.flatMap((d) =>
    STACK_LAYOUTS.map((layout): [AnyKindDefinition<K>, StackPlacement] => [d, d.placement[layout]]),
  );

export const sharedStacks = <K extends string>(definitions: Definitions<K>): string[] => [
  ...new Set(placements(definitions).flatMap(([, p]) => ('shared' in p ? [p.shared] : []))),
];

const ownPrefixes = <K extends string>(definitions: Definitions<K>): string[] => [
  ...new Set(placements(definitions).flatMap(([, p]) => ('ownStack' in p ? [p.ownStack] : []))),
];

export function parseStackName<K extends string>(definitions: Definitions<K>, stack: string): ParsedStackName<K> {
  return stackNameParser(definitions)(stack);
}

/**
 * `parseStackName` for one kind table, with the table's names worked out once: a synthesis sorts thousands of stack
 * names (per-spec layout) and asks for each one's rank many times.
 */
export function stackNameParser<K extends string>(definitions: Definitions<K>): (stack: string) => ParsedStackName<K> {
  const shared = new Set(sharedStacks(definitions));
  // Longest prefix first, should one kind's prefix ever start another's.
  const own = placements(definitions)
    .flatMap(([d, p]): [K, string][] => ('ownStack' in p ? [[d.kind, `${p.ownStack}-`]] : []))
    .sort(([, a], [, b]) => b.length - a.length);
  return (stack) => {
    if (shared.has(stack)) return { ok: true, owner: { shared: stack } };
    for (const [kind, prefix] of own) {
      const name = stack.startsWith(prefix) ? stack.slice(prefix.length) : undefined;
      if (name !== undefined && NAME_ONLY.test(name)) return { ok: true, owner: { kind, name } };
    }
    return { ok: false, error: `"${stack}" is not a stack name: stacks are ${stackNamesText(definitions)}` };
  };
}

/** `identity`, `sso`, `ec2-<name>`, … as Markdown code spans. */
export function stackNamesText<K extends string>(definitions: Definitions<K>): string {
  const names = [...sharedStacks(definitions), ...ownPrefixes(definitions).map((p) => `${p}-<name>`)].map(
    (n) => `\`${n}\``,
  );
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}` : names.join('');
}

/** A regular-expression source matching exactly the stack names these kinds can have (no anchors, no groups). */
export function stackNamePattern<K extends string>(definitions: Definitions<K>): string {
  const alternatives = [...sharedStacks(definitions), ...ownPrefixes(definitions).map((p) => `${p}-${NAME}`)];
  return `(?:${alternatives.join('|')})`;
}
