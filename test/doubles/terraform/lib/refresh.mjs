// Refresh: reads "the real objects" and plans against them, as Terraform does unless -refresh=false.
// The real world is TF_DOUBLE_REMOTE=<file>, JSON `{ "<type>.<name>": { attribute: value, … } | null }`: only the
// objects that differ from state (changed outside Terraform), null for one deleted outside it. The double never
// writes that file: tests change or remove it.
import { existsSync, readFileSync } from 'node:fs';
import { fail } from './cli.mjs';
import { providerFor } from './config.mjs';
import { nameOf, sameValue, sensitiveMask, typeOf } from './values.mjs';

/** The real objects that differ from state: `$TF_DOUBLE_REMOTE`, or none. */
export function readRemote(ctx) {
  const path = ctx.env.TF_DOUBLE_REMOTE;
  if (!path || !existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail('Failed to read the remote objects', `TF_DOUBLE_REMOTE ${path}: ${err.message}`);
  }
}

function driftEntry(ctx, config, address, before, after) {
  const type = typeOf(address);
  return {
    address,
    mode: 'managed',
    type,
    name: nameOf(address),
    provider_name: providerFor(type, config?.requiredProviders ?? {}).fullName,
    change: {
      actions: [after === null ? 'delete' : 'update'],
      before,
      after,
      after_unknown: {},
      before_sensitive: sensitiveMask(ctx, type, Object.keys(before)),
      after_sensitive: after === null ? false : sensitiveMask(ctx, type, Object.keys(after)),
    },
  };
}

/**
 * The state a plan starts from and what changed outside Terraform (`resource_drift`). Refreshing prints
 * "Refreshing state..." per object in state; `refresh: false` reads nothing and returns the stored state as it is.
 */
export function refreshState(ctx, config, stored, { refresh }) {
  if (!refresh) return { state: stored, drift: [] };
  const remote = readRemote(ctx);
  const resources = {};
  const drift = [];
  for (const [address, values] of Object.entries(stored.resources)) {
    ctx.out(`${address}: Refreshing state... [id=${values.id}]\n`);
    if (!(address in remote)) {
      resources[address] = values;
      continue;
    }
    const real = remote[address] === null ? null : { ...values, ...remote[address] };
    if (real !== null) resources[address] = real;
    const changed = real === null || Object.keys(real).some((k) => !sameValue(real[k], values[k]));
    if (changed) drift.push(driftEntry(ctx, config, address, values, real));
  }
  return { state: { ...stored, resources }, drift };
}
