// Every ec2-/s3- stack carries the same AWS provider block. CDKTF renders a provider by snake-casing each of its ~100
// possible arguments, set or not, which was ~10% of synthesis for the 500-spec benchmark; a synthesis renders each
// distinct provider once instead. The key is everything `TerraformProvider.toTerraform()` reads
// (cdktf/lib/terraform-provider.js, pinned cdktf 0.21.0), and only token-free plain data is cached: its rendering
// cannot depend on the stack. The cdktf-parity test checks the result against `app.synth()`.
import type { TerraformElement, TerraformProvider } from 'cdktf';
import { engine } from './engine.js';
import { isTokenNumber, mayHoldToken } from './token-shapes.js';

type Json = Record<string, unknown>;

export class ProviderBlocks {
  private readonly rendered = new Map<string, Json>();

  /** The rendered block of `element` when it is a cacheable provider, rendered with `render` on first sight. */
  block(element: TerraformElement, render: (element: TerraformElement) => Json): Json | undefined {
    const { TerraformProvider } = engine();
    if (!TerraformProvider.isTerraformProvider(element)) return undefined;
    const provider = element as TerraformProvider;
    // A provider class with its own rendering is left alone.
    if (provider.toTerraform !== TerraformProvider.prototype.toTerraform) return undefined;
    // Protected members `toTerraform()` reads, as the parity test pins them.
    const internals = provider as unknown as { synthesizeAttributes(): Json; rawOverrides: Json };
    const inputs = [
      provider.terraformResourceType,
      provider.terraformGeneratorMetadata?.providerVersion,
      provider.terraformGeneratorMetadata?.providerVersionConstraint,
      provider.terraformProviderSource,
      internals.synthesizeAttributes(),
      internals.rawOverrides,
      provider.metaAttributes,
    ];
    if (!inputs.every(isPlainData)) return undefined;
    const key = JSON.stringify(inputs);
    let block = this.rendered.get(key);
    if (block === undefined) {
      block = deepFreeze(render(element));
      this.rendered.set(key, block);
    }
    return block;
  }
}

/**
 * Strings, finite numbers, booleans, null and plain objects and arrays of them, with nothing CDKTF might read as a
 * token, and no `undefined` in arrays (JSON would turn it into null, and two different inputs into one key).
 */
function isPlainData(value: unknown): boolean {
  if (value === undefined || value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return !mayHoldToken(value);
  if (typeof value === 'number') return Number.isFinite(value) && !isTokenNumber(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainData(item));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return false;
  return Object.entries(value).every(([key, item]) => !mayHoldToken(key) && isPlainData(item));
}

/** Shared between stacks' configurations, so nothing may change it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
