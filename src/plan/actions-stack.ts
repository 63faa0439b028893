// The stack a run is about: the cdk.tf.json the app wrote into the work directory, and whether Actions can run it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex, usesLocalBackend } from './actions-contract.js';

export interface RunStack {
  /** Undefined for an apply without the JSON at hand: the workflow synthesises it and checks the hash. */
  json?: string;
  hash: string;
}

export async function readRunStack(workDir: string): Promise<RunStack | undefined> {
  const json = await readFile(join(workDir, 'cdk.tf.json'), 'utf8').catch(() => undefined);
  return json === undefined ? undefined : { json, hash: sha256Hex(json) };
}

/** Why the stack cannot run on Actions, or null. */
export function unfitForActions(stack: RunStack | undefined): string | null {
  if (stack === undefined) return 'there is no cdk.tf.json in the work directory to plan';
  if (stack.json !== undefined && usesLocalBackend(stack.json)) {
    return (
      'terraform.runner is actions, but the stack keeps its state in a local file, which would be lost with the ' +
      'Actions runner: set terraform.stateBucket in .github/infra.yml'
    );
  }
  return null;
}
