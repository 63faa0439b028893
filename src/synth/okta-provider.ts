// The Okta provider block of the identity stack.
//
// @cdktf/provider-okta 14.1.1 was generated from provider 4.20.0 (June 2025) and writes `~> 4.0`/`4.20.0` into
// `required_providers`. We keep its classes for building resources, but pin the 6.x release whose resource schemas
// our synthesised attributes are checked against (test/fixtures/okta-provider-schema.json, cited there).
import type { TerraformProviderGeneratorMetadata, TerraformStack } from 'cdktf';
import type { OktaProvider } from '@cdktf/provider-okta/lib/provider/index.js';
import type { SynthSettings } from '../specs/model.js';
import { engine } from './engine.js';

/** The one place the Okta provider version is chosen; the schema fixture's `providerVersion` must equal it. */
export const OKTA_PROVIDER_VERSION = '6.12.0';

export function addOktaProvider(stack: TerraformStack, settings: SynthSettings): OktaProvider {
  const provider = new (engine().okta.OktaProvider)(stack, 'okta', {
    // Okta's rate limits are per org and shared with every other integration (developer.okta.com/docs/reference/rl-global-mgmt).
    maxApiCapacity: settings.okta.maxApiCapacity,
  });
  // `toTerraform()` takes required_providers' version from this metadata (cdktf 0.21.0 lib/terraform-provider.js);
  // the property is readonly in the types only, and nothing else reads it.
  const pinned: TerraformProviderGeneratorMetadata = {
    ...provider.terraformGeneratorMetadata,
    providerName: 'okta',
    providerVersion: OKTA_PROVIDER_VERSION,
    providerVersionConstraint: OKTA_PROVIDER_VERSION,
  };
  (provider as { terraformGeneratorMetadata?: TerraformProviderGeneratorMetadata }).terraformGeneratorMetadata = pinned;
  return provider;
}
