import { kindRegistry } from '../kinds/index.js';
import type { SynthesizedStack } from '../synth/synthesize.js';

export type StackChangeKind = 'added' | 'changed' | 'removed';

export interface StackChange {
  stack: string;
  change: StackChangeKind;
  /** Absent when the stack was removed. */
  head?: SynthesizedStack;
  /** Absent when the stack is new or the base could not be read. */
  base?: SynthesizedStack;
}

/**
 * Stacks whose Terraform differs between base and head (byte comparison of the synthesised JSON, which is
 * deterministic). Without a usable base every head stack counts as changed.
 */
export function affectedStacks(
  base: readonly SynthesizedStack[] | undefined,
  head: readonly SynthesizedStack[],
): StackChange[] {
  const baseByName = new Map((base ?? []).map((stack) => [stack.name, stack]));
  const headNames = new Set(head.map((stack) => stack.name));
  const changes: StackChange[] = [];
  for (const stack of head) {
    const before = baseByName.get(stack.name);
    if (!before) changes.push({ stack: stack.name, change: base ? 'added' : 'changed', head: stack });
    else if (before.hash !== stack.hash)
      changes.push({ stack: stack.name, change: 'changed', head: stack, base: before });
  }
  for (const stack of base ?? []) {
    if (!headNames.has(stack.name)) changes.push({ stack: stack.name, change: 'removed', base: stack });
  }
  return changes.sort((a, b) => stackOrder(a.stack) - stackOrder(b.stack) || (a.stack < b.stack ? -1 : 1));
}

/** Okta stacks first (groups, users, the federation: each reads what the one before creates), then the rest. */
export const stackOrder = (stack: string): number => kindRegistry.stackRank(stack);
