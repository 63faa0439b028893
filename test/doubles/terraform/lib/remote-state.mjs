// data.terraform_remote_state: another stack's root outputs, read from its state file where the double's backends
// keep it (state.mjs), as Terraform's builtin provider does (internal/builtin/providers/terraform).
import { existsSync } from 'node:fs';
import { fail } from './cli.mjs';
import { readState, requireBackendCredentials, stateLocation } from './state.mjs';

export const REMOTE_STATE_PROVIDER = 'terraform.io/builtin/terraform';

/**
 * Reads one remote state data source whose configuration (`values`) is wholly known: the data source's object,
 * `{ backend, config, defaults, outputs, workspace }`, with `outputs` = the defaults overlaid by the stored outputs.
 * A state that was never written fails as Terraform does ("Unable to find remote state"), defaults or not.
 */
export function readRemoteState(ctx, source, values) {
  const where = `  with ${source.address},\n  on cdk.tf.json line 1, in ${source.address}:\n\n`;
  if (values.backend !== 'local' && values.backend !== 's3') {
    fail(
      'Invalid backend configuration',
      `${where}The terraform double reads remote state only from the "local" and "s3" backends, not "${values.backend}".`,
    );
  }
  if (values.workspace !== undefined && values.workspace !== null && values.workspace !== 'default') {
    fail('Unsupported workspace', `${where}The terraform double keeps only the default workspace of a backend.`);
  }
  const backend = { type: values.backend, config: values.config ?? {} };
  const path = stateLocation(ctx, backend);
  requireBackendCredentials(ctx, backend);
  if (!existsSync(path)) {
    fail(
      'Unable to find remote state',
      `${where}No stored state was found for the given workspace in the given backend.`,
    );
  }
  const stored = Object.entries(readState(path).outputs ?? {}).map(([name, o]) => [name, o.value]);
  // An object's attributes in name order, as cty writes them.
  const outputs = Object.entries({ ...(values.defaults ?? {}), ...Object.fromEntries(stored) }).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return {
    backend: values.backend,
    config: values.config ?? null,
    defaults: values.defaults ?? null,
    outputs: Object.fromEntries(outputs),
    workspace: values.workspace ?? null,
  };
}
