// One stack's constructs: backend, providers (no credentials: they come from the environment at run time), and the
// resources of the specs that live in it, each kind adding its own (src/kinds/<kind>/definition.ts → synth).
import type { App, TerraformStack } from 'cdktf';
import { kindRegistry } from '../kinds/index.js';
import type { KindSynthScope } from '../kinds/kind-definition.js';
import type { KindRegistry } from '../kinds/registry.js';
import { IDENTITY_STACK } from '../kinds/stack-names.js';
import type { SynthSettings } from '../specs/model.js';
import { addBackend } from './backend.js';
import type { SynthContext } from './context.js';
import { engine } from './engine.js';
import { escapeTf } from './escape.js';
import { addOktaProvider } from './okta-provider.js';
import type { StackPlan } from './stacks.js';

export function buildStack(
  app: App,
  plan: StackPlan,
  ctx: SynthContext,
  kinds: KindRegistry<string> = kindRegistry,
): TerraformStack {
  const stack = new (engine().TerraformStack)(app, plan.name);
  addBackend(stack, plan.name, ctx.settings);
  // The identity stack always carries the Okta provider, whichever identity kinds it holds.
  if (plan.name === IDENTITY_STACK) addOktaProvider(stack, ctx.settings);
  let awsProvider = false;
  const scope: KindSynthScope = {
    ctx,
    groupIds: new Map(),
    awsProvider: (region) => {
      if (awsProvider) return;
      awsProvider = true;
      addAwsProvider(stack, region);
    },
  };
  for (const definition of kinds.synthOrder) {
    const specs = plan.specs.filter((spec) => spec.kind === definition.kind);
    if (specs.length > 0) definition.synth.add(stack, specs, scope);
  }
  return stack;
}

/** Backend and providers only: planning it destroys whatever the stack's state still holds. */
export function buildEmptyStack(app: App, name: string, settings: SynthSettings, region: string): TerraformStack {
  const stack = new (engine().TerraformStack)(app, name);
  addBackend(stack, name, settings);
  if (name === IDENTITY_STACK) addOktaProvider(stack, settings);
  addAwsProvider(stack, region);
  return stack;
}

function addAwsProvider(stack: TerraformStack, region: string): void {
  new (engine().aws.AwsProvider)(stack, 'aws', { region: escapeTf(region) });
}
