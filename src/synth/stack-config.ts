// A stack → its Terraform JSON configuration: what `TerraformStack.toTerraform()` returns, several times faster.
//
// CDKTF resolves every string, number, array and object key of every element twice (once per element, once for
// the merged stack), allocating closures at each step; for the 500-spec benchmark that was ~300 ms of ~400. Almost
// all of that data is plain. Here the walk is ours and only values that can hold a token go through CDKTF's
// resolver, once. Same steps as cdktf/lib/terraform-stack.js `toTerraform()` (pinned cdktf 0.21.0); a test checks the
// result byte for byte against `app.synth()`. Our stacks have no outputs and no stack-level overrides.
import type { IConstruct } from 'constructs';
import type { TerraformElement, TerraformStack } from 'cdktf';
import { engine } from './engine.js';

type Json = Record<string, unknown>;

export function stackConfig(stack: TerraformStack): Json {
  const resolver = new Resolver(stack);
  const elements = terraformElements(stack);
  const metadata: Json = { version: engine().version, stackName: stack.node.id, backend: 'local' };
  for (const element of elements) deepMerge(metadata, resolver.resolve(element.toMetadata()) as Json);
  const config: Json = { '//': { metadata, outputs: {} } };
  for (const element of elements) deepMerge(config, resolver.resolve(element.toTerraform()) as Json);
  return config;
}

/** Depth-first over the construct tree, not entering nested stacks (cdktf's `terraformElements`). */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  const { TerraformElement, TerraformStack } = engine();
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}

/**
 * CDKTF's `resolve` for plain data, handing anything that is or may hold a token to CDKTF itself: strings with a
 * token marker or a number CDKTF might decode, token-encoded numbers, arrays holding list tokens, objects with a map
 * token key, and every non-plain object (IResolvable, Lazy, complex lists). Drops `undefined` like CDKTF does.
 * Token strings repeat within a stack (`bucket.id` six times), so their resolutions are cached per stack.
 */
class Resolver {
  private readonly strings = new Map<string, unknown>();
  constructor(private readonly scope: IConstruct) {}

  /** Returns `value` itself when nothing in it changes (`toTerraform()` output is fresh; copying is GC work). */
  resolve(value: unknown): unknown {
    if (typeof value === 'string') return mayHoldToken(value) ? this.resolveString(value) : value;
    if (typeof value === 'number') return isTokenNumber(value) ? this.withCdktf(value) : value;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      if (value.some((item) => (typeof item === 'string' ? item.includes('TfToken[') : isTokenNumber(item)))) {
        return this.withCdktf(value);
      }
      const items = value.map((item: unknown) => this.resolve(item));
      const same = items.every((item, index) => item === value[index] && item !== undefined);
      return same ? value : items.filter((item) => item !== undefined);
    }
    const proto: unknown = Object.getPrototypeOf(value);
    const resolvable = typeof (value as { resolve?: unknown }).resolve === 'function';
    if ((proto !== Object.prototype && proto !== null) || resolvable) return this.withCdktf(value);
    const record = value as Json;
    const keys = Object.keys(record);
    if (keys.some(mayHoldToken)) return this.withCdktf(value);
    const resolved = keys.map((key) => this.resolve(record[key]));
    if (resolved.every((item, index) => item === record[keys[index]!] && item !== undefined)) return value;
    const out: Json = {};
    keys.forEach((key, index) => {
      const item = resolved[index];
      if (item === undefined) return;
      // A `__proto__` key must stay an ordinary key, not set the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true });
      else out[key] = item;
    });
    return out;
  }

  private resolveString(text: string): unknown {
    if (!this.strings.has(text)) this.strings.set(text, this.withCdktf(text));
    return this.strings.get(text);
  }

  private withCdktf(value: unknown): unknown {
    const { Tokenization, DefaultTokenResolver, StringConcat } = engine();
    const resolver = new DefaultTokenResolver(new StringConcat());
    return Tokenization.resolve(value, { scope: this.scope, preparing: false, resolver }) as unknown;
  }
}

/**
 * Conservative, one regex pass: any token marker, any `e` that could end a run of CDKTF's number pattern
 * (`[-|\d|.+]+(e…)`, cdktf/lib/tokens/private/encoding.js), or one of its sentinel strings.
 */
const MAY_HOLD_TOKEN = /TfToken\[|[-|\d.+]e|^(?:String|Any) Map Token Value$/;
const mayHoldToken = (text: string): boolean => MAY_HOLD_TOKEN.test(text);

/** CDKTF's token doubles have 0xfdff or 0xfbff in their top 16 bits; its map sentinel is -123456789. */
function isTokenNumber(value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (value === -123456789) return true;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}

/** cdktf/lib/util.js `deepMerge` for resolved data: objects merge, arrays concatenate, `undefined` deletes. */
function deepMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...(existing as unknown[]), ...(value as unknown[])] : value;
    } else if (typeof value === 'object' && value !== null) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      deepMerge(target[key] as Json, value as Json);
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}
