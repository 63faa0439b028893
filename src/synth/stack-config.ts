// A stack → its Terraform JSON configuration: what `TerraformStack.toTerraform()` returns, several times faster.
//
// CDKTF resolves every string, number, array and object key of every element twice (once per element, once for
// the merged stack), allocating closures at each step; for the 500-spec benchmark that was ~300 ms of ~400. Almost
// all of that data is plain. Here the walk is ours and only values that can hold a token go through CDKTF's
// resolver, once. Same steps as cdktf/lib/terraform-stack.js `toTerraform()` (pinned cdktf 0.21.0); a test checks the
// result byte for byte against `app.synth()`. Our stacks have no stack-level overrides.
import type { IConstruct } from 'constructs';
import type { TerraformElement, TerraformStack } from 'cdktf';
import { engine } from './engine.js';
import { isTokenNumber, mayHoldToken } from './token-shapes.js';
import type { ProviderBlocks } from './provider-blocks.js';

type Json = Record<string, unknown>;

/** `providers`: provider blocks already rendered in this synthesis, shared across its stacks. */
export function stackConfig(stack: TerraformStack, providers?: ProviderBlocks): Json {
  const resolver = new Resolver(stack);
  const elements = terraformElements(stack);
  const metadata: Json = { version: engine().version, stackName: stack.node.id, backend: 'local' };
  for (const element of elements) deepMerge(metadata, resolver.resolve(element.toMetadata()) as Json);
  const config: Json = { '//': { metadata, outputs: outputsMetadata(elements) } };
  const render = (element: TerraformElement): Json => resolver.resolve(element.toTerraform()) as Json;
  for (const element of elements) {
    deepMerge(config, providers?.block(element, render) ?? render(element));
  }
  return config;
}

/** Each output's construct path as nested keys, its id at the leaf (`{ "<stack>": { "id": "id" } }`), as CDKTF writes. */
function outputsMetadata(elements: readonly TerraformElement[]): Json {
  const { TerraformOutput } = engine();
  const outputs: Json = {};
  for (const element of elements) {
    if (!TerraformOutput.isTerraformOutput(element)) continue;
    const parts = element.node.path.split('/');
    let level = outputs;
    for (const part of parts.slice(0, -1)) {
      const next = (level[part] ??= {}) as Json;
      level = next;
    }
    level[parts[parts.length - 1]!] = element.friendlyUniqueId;
  }
  return outputs;
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
 * token marker or a number CDKTF might decode, token-encoded numbers, arrays holding list tokens (or token numbers),
 * objects with a map token key, and every non-plain object (IResolvable, Lazy, complex lists). Drops `undefined` like
 * CDKTF does.
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
    if (Array.isArray(value)) return this.resolveArray(value as unknown[]);
    const proto: unknown = Object.getPrototypeOf(value);
    const resolvable = typeof (value as { resolve?: unknown }).resolve === 'function';
    if ((proto !== Object.prototype && proto !== null) || resolvable) return this.withCdktf(value);
    const record = value as Json;
    const keys = Object.keys(record);
    for (const key of keys) if (mayHoldToken(key)) return this.withCdktf(value);
    // Copied only from the first key whose value changes (or is dropped); until then `record` itself is the answer.
    let out: Json | undefined;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const item = record[key];
      // Most keys of a provider or resource are unset attributes: skip the call for them.
      const resolved = item === undefined ? undefined : this.resolve(item);
      if (out === undefined) {
        if (resolved === item && resolved !== undefined) continue;
        out = {};
        for (let before = 0; before < index; before++) setKey(out, keys[before]!, record[keys[before]!]);
      }
      if (resolved !== undefined) setKey(out, key, resolved);
    }
    return out ?? record;
  }

  /** CDKTF resolves an array item by item unless it holds a list token, which it expands (resolve.js). */
  private resolveArray(value: unknown[]): unknown {
    for (const item of value) {
      if (typeof item === 'string' ? item.includes('#{TfToken[') : isTokenNumber(item)) return this.withCdktf(value);
    }
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      const resolved = this.resolve(item);
      if (out === undefined) {
        if (resolved === item && resolved !== undefined) continue;
        out = value.slice(0, index);
      }
      if (resolved !== undefined) out.push(resolved);
    }
    return out ?? value;
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

/** Sets a key as an ordinary own property: a `__proto__` key must not set the prototype. */
function setKey(target: Json, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
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
