// Moving a repository's identity specs from the shared `identity` stack to the per-spec layout, as a PR that changes
// `identity.stackLayout` and nothing else. Planned and approved like any change: every new stack imports its objects
// (import blocks with the ids the identity state holds), then the identity stack forgets them (removed blocks with
// destroy = false). Nothing is destroyed or recreated; a plan that would is refused. docs/adr/0008-identity-layout-migration.md.
import type { RepoConfig } from '../config/repo-config-schema.js';
import { REPO_CONFIG_PATH } from '../config/repo-config-schema.js';
import { kindOf } from '../kinds/index.js';
import type { StackLayout } from '../kinds/kind-definition.js';
import type { StateObject } from '../plan/prior-state.js';
import type { PlanSummary } from '../plan/summarize-plan.js';
import type { PlanWarning } from '../review/confirm-against-plan.js';
import type { Diagnostic } from '../specs/diagnostic.js';
import type { IntentSpec } from '../specs/model.js';
import { specKey } from '../specs/model.js';
import { importIdOf } from '../synth/import-ids.js';

export type LayoutChange =
  | { kind: 'none' }
  | { kind: 'migrate'; from: StackLayout; to: StackLayout }
  | { kind: 'refused'; diagnostics: Diagnostic[] };

const isIdentity = (spec: IntentSpec) => kindOf(spec).okta;

/** What a PR's `.github/infra.yml` does to the identity layout, given the base's config and both sides' specs. */
export function layoutChangeOf(
  baseConfig: RepoConfig,
  headConfig: RepoConfig | undefined,
  specs: { base: readonly IntentSpec[] | undefined; head: readonly IntentSpec[] },
): LayoutChange {
  if (!headConfig) return { kind: 'none' };
  const [from, to] = [baseConfig.identity.stackLayout, headConfig.identity.stackLayout];
  if (from === to) return { kind: 'none' };
  const onBase = (specs.base ?? []).filter(isIdentity).length;
  const inHead = specs.head.filter(isIdentity).length;
  const refuse = (problem: string): LayoutChange => ({
    kind: 'refused',
    diagnostics: [
      {
        file: REPO_CONFIG_PATH,
        line: 1,
        column: 1,
        path: 'identity.stackLayout',
        severity: 'error',
        message: `identity.stackLayout cannot change from ${from} to ${to} ${problem}`,
      },
    ],
  });
  if (specs.base === undefined) {
    if (inHead === 0) return { kind: 'none' };
    return refuse(
      "while the base branch's specs do not validate: which objects its identity state holds cannot be told. Fix the base first.",
    );
  }
  if (onBase === 0) {
    if (inHead === 0) return { kind: 'none' };
    return refuse(
      `in a PR that adds identity specs: this PR is planned in the base's ${from} layout and would be applied in the ${to} one. Change the layout in a PR of its own first.`,
    );
  }
  if (from !== 'shared') {
    return refuse(
      `while the base branch has ${onBase} identity spec(s): only a move from shared to per-spec is supported (docs/adr/0008-identity-layout-migration.md).`,
    );
  }
  if (!sameSpecs(specs.base, specs.head)) {
    return refuse(
      'in a PR that also changes specs: the move imports every identity object into its new stack and must be reviewed alone. Change only identity.stackLayout in this PR.',
    );
  }
  return { kind: 'migrate', from, to };
}

const specText = (spec: IntentSpec) => JSON.stringify([spec.kind, spec.metadata, spec.spec]);

function sameSpecs(base: readonly IntentSpec[], head: readonly IntentSpec[]): boolean {
  if (base.length !== head.length) return false;
  const before = new Map(base.map((spec) => [specKey(spec), specText(spec)]));
  return head.every((spec) => before.get(specKey(spec)) === specText(spec));
}

/** Address → import id of each object in the old state that can be imported (synth/import-ids.ts). */
export function importsFromState(objects: readonly StateObject[]): Map<string, string> {
  const imports = new Map<string, string>();
  for (const object of objects) {
    const id = importIdOf(object.type, object.values);
    if (id !== undefined) imports.set(object.address, id);
  }
  return imports;
}

/** Addresses (resources only) of a synthesised stack's JSON: what its state holds once applied. */
export function resourceAddresses(json: string): string[] {
  const config = JSON.parse(json) as { resource?: Record<string, Record<string, unknown>> };
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) =>
    Object.keys(byName).map((name) => `${type}.${name}`),
  );
}

/** Why a stack's migration plan is refused: it destroys or replaces something. Undefined when it does neither. */
export function destroysSomething(summary: PlanSummary | undefined): string | undefined {
  const gone = (summary?.changes ?? []).filter((change) => change.action === 'delete' || change.action === 'replace');
  if (gone.length === 0) return undefined;
  const named = gone
    .slice(0, 5)
    .map((change) => `${change.action} ${change.address}`)
    .join(', ');
  return `A layout migration must not destroy or replace anything, and this plan would: ${named}${gone.length > 5 ? `, and ${gone.length - 5} more` : ''}. Nothing will be applied from it.`;
}

/** `group.0.profile › role` → `group`. */
const rootOf = (path: string): string => path.split(/[.[ ]/)[0] ?? path;

/** What a move may do: import, forget, read a lookup during apply, and create the (unimportable) memberships. */
const MOVE_ACTIONS = new Set(['import', 'forget', 'read']);

/** The reviewer's warnings for a migration's plans: every change a move should not make, per stack. */
export function confirmMigration(plans: ReadonlyMap<string, PlanSummary>): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const [stack, plan] of plans) {
    for (const change of plan.changes) {
      const membershipsCreated = change.action === 'create' && change.type === 'okta_user_group_memberships';
      // A group id read during apply (the group's new stack applies first) is unknown here, and so is what holds it:
      // an update whose every changed path lies under an unknown attribute changes no known value.
      const unknownRoots = new Set(change.attributes.filter((a) => a.unknown).map((a) => rootOf(a.path)));
      const onlyLookups =
        change.action === 'update' &&
        unknownRoots.size > 0 &&
        change.attributes.every((a) => unknownRoots.has(rootOf(a.path)));
      if (MOVE_ACTIONS.has(change.action) || membershipsCreated || onlyLookups) continue;
      warnings.push({
        stack,
        address: change.address,
        message: `The move's plan for stack ${stack} would ${change.action} ${change.address}: a layout migration only imports and forgets. Check what differs before approving.`,
      });
    }
  }
  return warnings;
}

/** The plan comment's paragraph on a migration PR. */
export function migrationNote(counts: { stacks: number; imports: number; forgets: number }): string {
  return [
    `**Identity layout: shared → per-spec.** ${counts.stacks.toLocaleString('en-US')} new stack(s) import ` +
      `${counts.imports.toLocaleString('en-US')} existing object(s) from the \`identity\` state, then \`identity\` ` +
      `forgets its ${counts.forgets.toLocaleString('en-US')} resource(s) (\`removed\`, destroy = false).`,
    'Nothing is destroyed or recreated; group memberships, which the Okta provider cannot import, are created in ' +
      'their new stacks (adding people to groups they are already in changes nothing in Okta). The apply imports ' +
      'first and forgets last.',
  ].join(' ');
}
