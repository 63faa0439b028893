// Keeps cdktf's start-up to what infra-bot uses (see `deferBundledModules`).
import { Module } from 'node:module';
import path from 'node:path';

/**
 * cdktf's index loads three packages it bundles only for code paths infra-bot never takes, ~40 ms of its start-up:
 * - `archiver` (~40 files) zips TerraformAsset directories, which infra-bot never creates: a stub that throws;
 * - `semver` (~45 files) checks the terraform binary's version in `app.synth()` validations, and
 *   `json-stable-stringify` (~25 files with its helpers) writes `app.synth()` output; we never call `app.synth()`
 *   (render.ts writes the JSON), so both are stand-ins that load the real module on first use.
 * Pre-seeding the module cache does it; the packages are cdktf's own nested copies, so nothing else shares the
 * stand-ins. Where the cache cannot be seeded (jest's registry), the real modules load, which only costs time.
 */
export function deferBundledModules(require: NodeJS.Require): void {
  const paths = [path.dirname(require.resolve('cdktf'))];
  seed(require, require.resolve('archiver', { paths }), () => () => {
    throw new Error('infra-bot does not load archiver: CDKTF assets are not supported');
  });
  seed(require, require.resolve('semver', { paths }), (load) => new Proxy({}, { get: (_target, key) => load()[key] }));
  seed(
    require,
    require.resolve('json-stable-stringify', { paths }),
    (load) =>
      (...args: unknown[]): unknown =>
        (load() as unknown as (...a: unknown[]) => unknown)(...args),
  );
}

/** Puts `standIn(load)` in the module cache for `file`; `load()` drops the stand-in and requires the real module. */
function seed(
  require: NodeJS.Require,
  file: string,
  standIn: (load: () => Record<PropertyKey, unknown>) => unknown,
): void {
  if (require.cache[file]) return;
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (real === undefined) {
      if (require.cache[file] === stub) delete require.cache[file];
      real = require(file) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = standIn(load);
  require.cache[file] = stub;
}
