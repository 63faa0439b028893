// import blocks (Terraform >= 1.5). The double has no cloud, so the real objects an import can find are the objects
// every stack under the same state root manages, changed or deleted as $TF_DOUBLE_REMOTE says, plus the objects
// $TF_DOUBLE_REMOTE names that no state holds (made outside Terraform).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fail } from './cli.mjs';
import { readRemote } from './refresh.mjs';
import { STATE_FORMAT } from './state.mjs';
import { resolve, typeOf } from './values.mjs';

/** The import blocks of a configuration, checked as Terraform checks them before planning. */
export function importsByTarget(ctx, config) {
  const configured = new Set(config.resources.map((r) => r.address));
  const byTarget = new Map();
  for (const block of config.imports) {
    if (!configured.has(block.to)) {
      fail(
        'Configuration for import target does not exist',
        `The configuration for the given import target ${block.to} does not exist. If you wish to automatically ` +
          `generate config for this resource, use the -generate-config-out option within ${ctx.brand.cmd} plan. ` +
          'Otherwise, make sure the target resource exists within your configuration. For example:\n\n' +
          `  ${ctx.brand.cmd} plan -generate-config-out=generated.tf`,
      );
    }
    if (byTarget.has(block.to)) {
      fail(
        `Duplicate import configuration for "${block.to}"`,
        `An import block for the resource "${block.to}" was already declared. A resource can have only one import block.`,
      );
    }
    byTarget.set(block.to, block);
  }
  return byTarget;
}

/** The id an import block gives, evaluated like Terraform's: neither null nor unknown at plan. */
export function importId(block, known) {
  const value = block.id;
  if (value === null || value === undefined) fail('Invalid import id argument', 'The import ID cannot be null.');
  const resolved = resolve(value, known, 'import');
  if (resolved.unknown) {
    fail(
      'Invalid import id argument',
      'The import block "id" argument depends on resource attributes that cannot be determined until apply, so Terraform cannot plan to import this resource.',
    );
  }
  return String(resolved.value);
}

/** Every file under `dir` written by the double as a state file (plan files, init markers and the rest skipped). */
function* stateFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.terraform') yield* stateFiles(path);
      continue;
    }
    if (!entry.isFile()) continue;
    try {
      const state = JSON.parse(readFileSync(path, 'utf8'));
      if (state?.format === STATE_FORMAT) yield state;
    } catch {
      // Not JSON: not a state file.
    }
  }
}

/**
 * Finds the real object of `type` whose `id` is `id`. The state root is $TF_DOUBLE_STATE_DIR for the s3 backend and
 * the directory of the state file for the local one (recursively); $TF_DOUBLE_REMOTE applies over those objects by
 * address, as a refresh does. Returns its attributes, or undefined when no such object exists.
 */
export function findRealObject(ctx, config, statePath, type, id) {
  const root = config.backend.type === 's3' ? ctx.env.TF_DOUBLE_STATE_DIR : dirname(statePath);
  const remote = readRemote(ctx);
  const candidates = [];
  for (const state of stateFiles(root)) {
    for (const [address, values] of Object.entries(state.resources ?? {})) {
      if (remote[address] === null) continue;
      candidates.push([address, { ...values, ...(remote[address] ?? {}) }]);
    }
  }
  for (const [address, values] of Object.entries(remote)) if (values) candidates.push([address, values]);
  const match = candidates.find(
    ([address, values]) => typeOf(address) === type && (String(values.id) === id || IMPORT_ID[type]?.(values) === id),
  );
  return match?.[1];
}

/**
 * Import ids that are not the object's `id`, as the providers document them: an IAM policy attachment is imported as
 * `<role>/<policy arn>` (its state id is generated).
 */
const IMPORT_ID = {
  aws_iam_role_policy_attachment: (values) => `${values.role}/${values.policy_arn}`,
};

/** Resource types whose provider has no importer (okta_user_group_memberships: `Importer: nil`). */
export const NOT_IMPORTABLE = new Set(['okta_user_group_memberships']);

/** Terraform's error when the provider finds nothing under the id (node_resource_plan_instance.go). */
export function failNonExistent(ctx, address) {
  fail(
    'Cannot import non-existent remote object',
    `While attempting to import an existing object to "${address}", the provider detected that no object exists ` +
      'with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is ' +
      `associated with the provider's configured region or endpoint, or use "${ctx.brand.cmd} apply" to create a ` +
      'new remote object for this resource.',
  );
}
