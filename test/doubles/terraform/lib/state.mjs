// Where state lives (local or s3 backend, simulated on disk), and the `.terraform` marker that `init` leaves.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fail } from './cli.mjs';

export const STATE_FORMAT = 'tf-double-state/1';

/** File that holds the state for this backend. */
export function stateLocation(ctx, backend) {
  if (backend.type === 'local') return resolve(ctx.cwd, backend.config.path ?? 'terraform.tfstate');
  if (backend.type === 's3') {
    const { bucket, key } = backend.config;
    if (!bucket || !key) fail('Missing required argument', 'The s3 backend requires "bucket" and "key".');
    const root = ctx.env.TF_DOUBLE_STATE_DIR;
    if (!root)
      fail('TF_DOUBLE_STATE_DIR is not set', 'The terraform double keeps s3 backend state under $TF_DOUBLE_STATE_DIR.');
    const path = resolve(root, bucket, key);
    if (relative(resolve(root), path).startsWith('..')) fail('Invalid S3 key', `Key "${key}" leaves the bucket.`);
    return path;
  }
  return fail('Unsupported backend type', `There is no backend type named "${backend.type}".`);
}

/** The s3 backend authenticates on every state access, like the real one. */
export function requireBackendCredentials(ctx, backend) {
  if (backend.type !== 's3') return;
  const hasKeys = (ctx.env.AWS_ACCESS_KEY_ID && ctx.env.AWS_SECRET_ACCESS_KEY) || backend.config.access_key;
  if (!hasKeys) {
    fail(
      'No valid credential sources found',
      'Please see https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration\n' +
        'for more information about providing credentials.\n\n' +
        'Error: failed to refresh cached credentials, no EC2 IMDS role found',
    );
  }
}

export function emptyState() {
  return { format: STATE_FORMAT, serial: 0, lineage: null, resources: {} };
}

export function readState(path) {
  if (!existsSync(path)) return emptyState();
  const state = JSON.parse(readFileSync(path, 'utf8'));
  if (state.format !== STATE_FORMAT)
    fail('Unsupported state file format', `${path} was not written by the terraform double.`);
  return state;
}

/**
 * Writes the next serial atomically (write + rename), creating the lineage on the first write. Root outputs are
 * kept as `outputs: { name: { value, sensitive } }`, left out while there are none (so older files read the same).
 */
export function writeState(ctx, path, previous, resources, outputs = previous.outputs) {
  const next = {
    format: STATE_FORMAT,
    terraform_version: ctx.brand.version,
    serial: previous.serial + 1,
    lineage: previous.lineage ?? randomUUID(),
    resources,
  };
  if (outputs && Object.keys(outputs).length) next.outputs = outputs;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
  renameSync(tmp, path);
  return next;
}

const markerPath = (cwd) => join(cwd, '.terraform', 'terraform.tfstate');

export function backendHash(backend) {
  return createHash('sha256').update(JSON.stringify(backend)).digest('hex').slice(0, 16);
}

export function writeInitMarker(cwd, backend) {
  mkdirSync(join(cwd, '.terraform'), { recursive: true });
  const marker = { version: 3, backend: { type: backend.type, config: backend.config, hash: backendHash(backend) } };
  writeFileSync(markerPath(cwd), `${JSON.stringify(marker, null, 2)}\n`);
}

/** `plan`, `apply` and `destroy` need a prior `init` for the current backend configuration. */
export function requireInit(ctx, backend) {
  const path = markerPath(ctx.cwd);
  const cmd = ctx.brand.cmd;
  if (!existsSync(path)) {
    fail(
      `Backend initialization required, please run "${cmd} init"`,
      `Reason: Initial configuration of the requested backend "${backend.type}"\n\n` +
        `Changes to backend configurations require reinitialization. Please run\n"${cmd} init".`,
    );
  }
  const marker = JSON.parse(readFileSync(path, 'utf8'));
  if (marker.backend?.hash !== backendHash(backend)) {
    fail(
      `Backend initialization required, please run "${cmd} init"`,
      'Reason: Backend configuration block has changed\n\n' +
        `Please run "${cmd} init" with either the "-reconfigure" or "-migrate-state" flags.`,
    );
  }
}
