// Intent model → Terraform JSON per stack (pure: no I/O but the write step, no clock, no randomness).
//
// 1. Group the specs into stacks (stacks.ts), keep the requested ones.
// 2. Per stack, with stack traces off: build its constructs, resolve them to JSON (a provider block that repeats
//    across stacks is rendered once), then drop the stack and forget its tokens, so memory holds one stack at a
//    time (and its objects die young, which keeps GC cheap).
// 3. Hash each stack's JSON: plans are bound to it.
import { createHash } from 'node:crypto';
import type { KindRegistry } from '../kinds/registry.js';
import type { IntentSpec, SynthSettings } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { buildEmptyStack, buildStack } from './build-stack.js';
import { createContext } from './context.js';
import { createApp, withoutStackTraces } from './engine.js';
import { ProviderBlocks } from './provider-blocks.js';
import { renderStack, stableJson } from './render.js';
import { byCodePoint, planStacks } from './stacks.js';
import { withTokenScope } from './token-scope.js';

export { stackNameFor } from './stacks.js';
export { writeSynthOutput } from './write-output.js';
export { SynthError } from './errors.js';
export type { SynthErrorCode } from './errors.js';

export interface SynthOptions {
  settings: SynthSettings;
  /** Only these stacks (default: all). Names with no spec behind them are skipped; see `emptyStackFor`. */
  stacks?: string[];
  /** Known absolute expiries by spec key (`Ec2Instance/box`): ttl specs get theirs at first apply; written as the ExpiresAt tag. */
  expiries?: ReadonlyMap<string, string>;
  /**
   * OktaGroup specs this change adds (absent from the base it is compared with): in the per-spec layout, the stacks
   * that read their ids do so during apply, once the group's own stack has applied (default: none).
   */
  newGroups?: ReadonlySet<string>;
  /**
   * Resource address → id of an existing object each stack imports into that address (`import` blocks): moving the
   * shared identity state into the per-spec layout (workflow/layout-migration.ts). Default: none.
   */
  imports?: ReadonlyMap<string, string>;
  /** The kind table to synthesise with (default: the shipped one; a test passes its own). */
  kinds?: KindRegistry<string>;
}

export interface SynthesizedStack {
  /** `identity`, `sso`, or `<prefix>-<name>` for a kind with a stack per spec (src/kinds/stack-names.ts). */
  name: string;
  /** Spec keys that live in it, sorted. */
  specs: string[];
  /** The cdk.tf.json text (CDKTF's formatting: sorted keys, two-space indent) with a trailing newline. */
  json: string;
  /** sha256 hex of json. */
  hash: string;
  /** Managed resources (not data sources, providers). */
  resourceCount: number;
  /**
   * OktaGroup specs (of `newGroups`) whose ids this stack reads during apply: stored with its plan, so the apply
   * synthesises the same JSON (`readDuringApplyOf`). Absent when none.
   */
  readDuringApply?: string[];
  /** Address → id of each object this stack imports (SynthOptions.imports); absent when none. */
  imports?: Record<string, string>;
  /** A stack that forgets its state's objects (forgetStackFor): how many `removed` blocks it has. */
  forgets?: number;
}

/** The imports to synthesise with again at apply: every `imports` stored with the approved plans. */
export function importsOf(stored: ReadonlyArray<{ imports?: unknown }>): Map<string, string> {
  const imports = new Map<string, string>();
  for (const entry of stored) {
    if (typeof entry.imports !== 'object' || entry.imports === null) continue;
    for (const [address, id] of Object.entries(entry.imports)) if (typeof id === 'string') imports.set(address, id);
  }
  return imports;
}

/** The groups to synthesise with again at apply: every `readDuringApply` stored with the approved plans. */
export function readDuringApplyOf(stored: ReadonlyArray<{ readDuringApply?: unknown }>): Set<string> {
  const groups = new Set<string>();
  for (const entry of stored) {
    if (!Array.isArray(entry.readDuringApply)) continue;
    for (const group of entry.readDuringApply) if (typeof group === 'string') groups.add(group);
  }
  return groups;
}

/** Stacks in plan and apply order (`byStackName`: Okta groups, users, the federation, then the rest by name). */
export function synthesize(specs: readonly IntentSpec[], options: SynthOptions): SynthesizedStack[] {
  const wanted = options.stacks ? new Set(options.stacks) : undefined;
  const plans = planStacks(specs, options.settings.identityLayout, options.kinds).filter(
    (plan) => !wanted || wanted.has(plan.name),
  );
  if (plans.length === 0) return [];
  const groups = new Set(specs.filter((spec) => spec.kind === 'OktaGroup').map((spec) => spec.metadata.name));
  const ctx = createContext(
    options.settings,
    options.expiries,
    { all: groups, new: options.newGroups ?? new Set() },
    options.imports,
  );
  const providers = new ProviderBlocks();
  return withoutStackTraces(() => {
    const app = createApp();
    return plans.map((plan) => {
      const readDuringApply = new Set<string>();
      const imported: Record<string, string> = {};
      const { json, resourceCount } = withTokenScope(() =>
        renderStack(buildStack(app, plan, ctx, options.kinds, readDuringApply, imported), providers),
      );
      app.node.tryRemoveChild(plan.name);
      const keys = plan.specs.map((spec) => specKey(spec) as string).sort(byCodePoint);
      const deferred = [...readDuringApply].sort(byCodePoint);
      return {
        name: plan.name,
        specs: keys,
        json,
        hash: sha256(json),
        resourceCount,
        ...(deferred.length > 0 && { readDuringApply: deferred }),
        ...(Object.keys(imported).length > 0 && { imports: imported }),
      };
    });
  });
}

/**
 * The stacks whose synthesis may differ between `base` and `head` (the same settings, kinds and expiries for both;
 * `newGroups` are the head's): a stack on one side only, or whose specs (kind, metadata, body), known expiries or
 * groups read during apply differ. Every other stack synthesises to the same JSON on both sides, because a stack's
 * JSON is a function of exactly those inputs and the shared settings (a lookup names its group only, and validated
 * specs name existing groups), so it need not be synthesised to be compared: an onboarding PR in a 10,000-person
 * repository synthesises one stack per side, not 10,500. Over-approximates: a listed stack may still turn out equal.
 */
export function stacksToCompare(
  base: readonly IntentSpec[],
  head: readonly IntentSpec[],
  options: Pick<SynthOptions, 'settings' | 'expiries' | 'newGroups' | 'kinds'>,
): Set<string> {
  const layout = options.settings.identityLayout;
  const inputsOf = (specs: readonly IntentSpec[], newGroups: ReadonlySet<string>) =>
    new Map(
      planStacks(specs, layout, options.kinds).map((plan) => {
        const text = JSON.stringify(
          plan.specs.map((spec) => [spec.kind, spec.metadata, spec.spec, options.expiries?.get(specKey(spec)) ?? null]),
        );
        // A group is read during apply only by the stacks whose specs name it: name it in their inputs.
        const deferred = [...newGroups].filter((group) => text.includes(JSON.stringify(group)));
        return [plan.name, `${text}\n${JSON.stringify(deferred.sort(byCodePoint))}`];
      }),
    );
  const before = inputsOf(base, new Set());
  const after = inputsOf(head, options.newGroups ?? new Set());
  const names = new Set<string>();
  for (const [name, inputs] of after) if (before.get(name) !== inputs) names.add(name);
  for (const name of before.keys()) if (!after.has(name)) names.add(name);
  return names;
}

/**
 * A stack with only its backend and providers: planning it destroys what its state still holds. For a stack whose
 * spec was deleted; `region` is the one its resources live in (identity: any, IAM is global).
 */
export function emptyStackFor(stackName: string, settings: SynthSettings, region: string): SynthesizedStack {
  return withoutStackTraces(() =>
    withTokenScope(() => {
      const app = createApp();
      const { json } = renderStack(buildEmptyStack(app, stackName, settings, region));
      return { name: stackName, specs: [], json, hash: sha256(json), resourceCount: 0 };
    }),
  );
}

/**
 * A stack whose state's objects live on elsewhere: backend, providers and a `removed` block with `destroy = false`
 * for each address, so applying it drops them from this state and touches none of them (Terraform ≥ 1.7). The end of
 * a layout migration: the same objects were imported into their new stacks first.
 */
export function forgetStackFor(
  stackName: string,
  settings: SynthSettings,
  region: string,
  addresses: readonly string[],
): SynthesizedStack {
  const config = JSON.parse(emptyStackFor(stackName, settings, region).json) as Record<string, unknown>;
  config.removed = [...addresses].sort(byCodePoint).map((from) => ({ from, lifecycle: { destroy: false } }));
  const json = `${stableJson(config)}\n`;
  return { name: stackName, specs: [], json, hash: sha256(json), resourceCount: 0, forgets: addresses.length };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
