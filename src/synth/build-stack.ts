// One stack's constructs: backend, providers (no credentials: they come from the environment at run time), and the
// resources of the specs that live in it, each kind adding its own (src/kinds/<kind>/definition.ts → synth).
import type { App, TerraformResource, TerraformStack } from 'cdktf';
import { kindRegistry } from '../kinds/index.js';
import type { KindSynthScope } from '../kinds/kind-definition.js';
import type { KindRegistry } from '../kinds/registry.js';
import { stackNameOf } from '../kinds/stack-names.js';
import type { SynthSettings } from '../specs/model.js';
import { addBackend, remoteStateOf } from './backend.js';
import type { SynthContext } from './context.js';
import { engine } from './engine.js';
import { escapeTf } from './escape.js';
import { GROUP_ID_OUTPUT } from '../kinds/okta-group/synth.js';
import { addOktaProvider } from './okta-provider.js';
import type { StackPlan } from './stacks.js';

export function buildStack(
  app: App,
  plan: StackPlan,
  ctx: SynthContext,
  kinds: KindRegistry<string> = kindRegistry,
  /** Filled with the groups whose ids this stack reads during apply (new groups, see SynthContext.newGroups). */
  readDuringApply: Set<string> = new Set(),
  /** Filled with address → id of each object imported (SynthContext.imports). */
  imported: Record<string, string> = {},
): TerraformStack {
  const stack = new (engine().TerraformStack)(app, plan.name);
  addBackend(stack, plan.name, ctx.settings);
  // An Okta stack always carries the Okta provider, whichever identity kinds it holds.
  if (kinds.isOktaStack(plan.name)) addOktaProvider(stack, ctx.settings);
  let awsProvider = false;
  const groupIds = new Map<string, string>();
  const scope: KindSynthScope = {
    ctx,
    groupId: (name) => groupIds.get(name) ?? lookUpGroupId(name),
    defineGroup: (name, id) => void groupIds.set(name, id),
    awsProvider: (region) => {
      if (awsProvider) return;
      awsProvider = true;
      addAwsProvider(stack, region);
    },
  };
  /** Per-spec layout: a group outside this stack is read from its own stack's state, once per stack. */
  function lookUpGroupId(name: string): string | undefined {
    if (ctx.settings.identityLayout !== 'per-spec' || !ctx.groups.has(name)) return undefined;
    const groupStack = stackNameOf(kinds.definition('OktaGroup'), name, 'per-spec');
    const deferred = ctx.newGroups.has(name);
    if (deferred) readDuringApply.add(name);
    const lookup = remoteStateOf(stack, `group_${name}`, groupStack, ctx.settings, { readDuringApply: deferred });
    const id = lookup.getString(GROUP_ID_OUTPUT);
    groupIds.set(name, id);
    return id;
  }
  for (const definition of kinds.synthOrder) {
    const specs = plan.specs.filter((spec) => spec.kind === definition.kind);
    if (specs.length > 0) definition.synth.add(stack, specs, scope);
  }
  if (ctx.imports.size > 0) importExisting(stack, ctx.imports, imported);
  return stack;
}

/** An `import` block for every resource of the stack whose address has an existing object's id in `imports`. */
function importExisting(
  stack: TerraformStack,
  imports: ReadonlyMap<string, string>,
  imported: Record<string, string>,
): void {
  const { TerraformResource } = engine();
  for (const child of stack.node.children) {
    if (!TerraformResource.isTerraformResource(child)) continue;
    const resource = child as TerraformResource;
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    const id = imports.get(address);
    if (id === undefined) continue;
    resource.importFrom(escapeTf(id));
    imported[address] = id;
  }
}

/** Backend and providers only: planning it destroys whatever the stack's state still holds. */
export function buildEmptyStack(
  app: App,
  name: string,
  settings: SynthSettings,
  region: string,
  kinds: KindRegistry<string> = kindRegistry,
): TerraformStack {
  const stack = new (engine().TerraformStack)(app, name);
  addBackend(stack, name, settings);
  if (kinds.isOktaStack(name)) addOktaProvider(stack, settings);
  addAwsProvider(stack, region);
  return stack;
}

function addAwsProvider(stack: TerraformStack, region: string): void {
  new (engine().aws.AwsProvider)(stack, 'aws', { region: escapeTf(region) });
}
