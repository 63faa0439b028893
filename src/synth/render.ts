// A stack → its cdk.tf.json text, byte-for-byte what `app.synth()` writes (CDKTF serialises with json-stable-stringify:
// keys sorted, two-space indent), plus a trailing newline.
import type { TerraformStack } from 'cdktf';
import type { ProviderBlocks } from './provider-blocks.js';
import { stackConfig } from './stack-config.js';

export interface RenderedStack {
  json: string;
  /** Managed resources (`resource` blocks), not data sources or providers. */
  resourceCount: number;
}

/** `providers`: provider blocks already rendered in this synthesis (see provider-blocks.ts). */
export function renderStack(stack: TerraformStack, providers?: ProviderBlocks): RenderedStack {
  const config = stackConfig(stack, providers) as { resource?: Record<string, Record<string, unknown>> };
  const resourceCount = Object.values(config.resource ?? {}).reduce(
    (sum, byName) => sum + Object.keys(byName).length,
    0,
  );
  return { json: `${stableJson(config)}\n`, resourceCount };
}

/**
 * What json-stable-stringify (`{ space: 2 }`, used by CDKTF) writes: keys sorted, empty arrays and objects opened and
 * closed on separate lines. Written out rather than sorting keys into new objects, because JavaScript objects list
 * integer-like keys (a tag named `2024`) first whatever their insertion order.
 */
export function stableJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}\n${inner}${stableJson(value[i], inner)}`;
    return `${out}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}\n${inner}${JSON.stringify(key)}: ${stableJson(item, inner)}`;
  }
  return `${out}\n${indent}}`;
}
