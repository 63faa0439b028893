// One stack's constructs: backend, providers (no credentials: they come from the environment at run time), and the
// resources of the specs that live in it.
import type { App, TerraformStack } from 'cdktf';
import type { IntentSpec, IntentSpecOf, SynthSettings } from '../specs/model.js';
import { addBackend } from './backend.js';
import type { SynthContext } from './context.js';
import { addEc2Instance } from './ec2-instance.js';
import { engine } from './engine.js';
import { escapeTf } from './escape.js';
import { addOktaGroup } from './okta-group.js';
import { addOktaProvider } from './okta-provider.js';
import { addOktaUser } from './okta-user.js';
import { addS3Bucket } from './s3-bucket.js';
import { addSamlFederation } from './saml-federation.js';
import type { StackPlan } from './stacks.js';
import { IDENTITY_STACK } from './stacks.js';

export function buildStack(app: App, plan: StackPlan, ctx: SynthContext): TerraformStack {
  const stack = new (engine().TerraformStack)(app, plan.name);
  addBackend(stack, plan.name, ctx.settings);
  if (plan.name === IDENTITY_STACK) {
    buildIdentity(stack, plan.specs, ctx);
    return stack;
  }
  for (const spec of plan.specs) {
    if (spec.kind === 'Ec2Instance') {
      addAwsProvider(stack, spec.spec.region);
      addEc2Instance(stack, spec, ctx);
    } else if (spec.kind === 'S3Bucket') {
      addAwsProvider(stack, spec.spec.region);
      addS3Bucket(stack, spec, ctx);
    }
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

function buildIdentity(stack: TerraformStack, specs: readonly IntentSpec[], ctx: SynthContext): void {
  addOktaProvider(stack, ctx.settings);
  // Each `.id` read creates (and later resolves) a new CDKTF token: read it once per group.
  const groupIds = new Map<string, string>();
  for (const spec of specs) {
    if (spec.kind === 'OktaGroup') groupIds.set(spec.metadata.name, addOktaGroup(stack, spec).id);
  }
  for (const spec of specs) if (spec.kind === 'OktaUser') addOktaUser(stack, spec, groupIds);
  const roles = specs.filter((spec): spec is IntentSpecOf<'IamSsoRole'> => spec.kind === 'IamSsoRole');
  if (roles.length === 0) return;
  // IAM is global; the provider still needs a region for its endpoints.
  addAwsProvider(stack, ctx.settings.defaultRegion);
  addSamlFederation(stack, roles, groupIds, ctx);
}

function addAwsProvider(stack: TerraformStack, region: string): void {
  new (engine().aws.AwsProvider)(stack, 'aws', { region: escapeTf(region) });
}
