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

export function addBackend(stack: TerraformStack, stackName: string, settings: SynthSettings): void {
  const { S3Backend, LocalBackend } = engine();
  const { stateBucket, stateRegion } = settings.terraform;
  if (stateBucket === undefined) {
    new LocalBackend(stack, { path: path.join(settings.localStateDir, settings.repository, `${stackName}.tfstate`) });
    return;
  }
  // cdktf 0.21's S3BackendConfig predates `use_lockfile`; S3Backend passes every property through (snake-cased).
  const config: S3BackendConfig & { useLockfile: boolean } = {
    bucket: stateBucket,
    key: stateKey(settings, stackName),
    region: stateRegion,
    encrypt: true,
    useLockfile: true,
  };
  new S3Backend(stack, config);
}
