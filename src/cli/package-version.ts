import { readFileSync } from 'node:fs';

/**
 * The version in package.json, read next to the compiled code (lib/cli/ → ../../package.json), which is where
 * `npm pack` and the image put it as well as the checkout.
 */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}
