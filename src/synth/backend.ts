// Where each stack keeps its state: one S3 object per stack (locked with S3's lockfile), or a local file when the repo
// config names no state bucket (development only).
import path from 'node:path';
import type { TerraformStack, S3BackendConfig } from 'cdktf';
import type { SynthSettings } from '../specs/model.js';
import { engine } from './engine.js';

/** `<stateKeyPrefix>/<owner>/<repo>/<stack>.tfstate` */
export function stateKey(settings: SynthSettings, stackName: string): string {
  const prefix = settings.terraform.stateKeyPrefix.replace(/\/+$/, '');
  return [prefix, settings.repository, `${stackName}.tfstate`].filter((part) => part !== '').join('/');
}

/** Where a stack's state is: the S3 object (bucket, key, region) or the local file. Read by its backend and lookups. */
type StateLocation = { local: { path: string } } | { s3: { bucket: string; key: string; region: string } };

function stateLocation(settings: SynthSettings, stackName: string): StateLocation {
  const { stateBucket, stateRegion } = settings.terraform;
  if (stateBucket === undefined) {
    return { local: { path: path.join(settings.localStateDir, settings.repository, `${stackName}.tfstate`) } };
  }
  return { s3: { bucket: stateBucket, key: stateKey(settings, stackName), region: stateRegion } };
}

export function addBackend(stack: TerraformStack, stackName: string, settings: SynthSettings): void {
  const { S3Backend, LocalBackend } = engine();
  const location = stateLocation(settings, stackName);
  if ('local' in location) {
    new LocalBackend(stack, location.local);
    return;
  }
  // cdktf 0.21's S3BackendConfig predates `use_lockfile`; S3Backend passes every property through (snake-cased).
  const config: S3BackendConfig & { useLockfile: boolean } = { ...location.s3, encrypt: true, useLockfile: true };
  new S3Backend(stack, config);
}

/**
 * A lookup of another stack's state outputs (`terraform_remote_state`), in this stack, under construct id `id`. It
 * reads the state object only, never Okta or AWS: a user's stack finds its groups' ids at no cost to the Okta org's
 * rate limit. `readDuringApply`: the other stack is created by the same change, so its outputs exist only once it
 * has applied; an unknown value in the lookup's configuration (`timestamp()` is unknown while planning) makes
 * Terraform read it during apply, after that stack, instead of failing the plan.
 */
export function remoteStateOf(
  stack: TerraformStack,
  id: string,
  stackName: string,
  settings: SynthSettings,
  options: { readDuringApply: boolean },
): { getString(output: string): string } {
  const { DataTerraformRemoteStateS3, DataTerraformRemoteStateLocal, Fn } = engine();
  const defaults = options.readDuringApply ? { defaults: { pending_since: Fn.timestamp() } } : {};
  const location = stateLocation(settings, stackName);
  return 'local' in location
    ? new DataTerraformRemoteStateLocal(stack, id, { ...location.local, ...defaults })
    : new DataTerraformRemoteStateS3(stack, id, { ...location.s3, ...defaults });
}
