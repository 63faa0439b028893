import type { LoadedSpec } from './load-spec-file.js';
import type { PartialSpecOfKind } from '../kinds/kind-definition.js';
import type { Kind, SpecBodies } from './model.js';

/**
 * A spec as the checks see it: every field is optional because a document that failed its schema still gets its
 * well-formed fields checked (one run reports every problem). A field is present only when it is valid on its own;
 * a complete IntentSpec is one too.
 */
export type PartialSpecOf<K extends Kind> = PartialSpecOfKind<K, SpecBodies[K]>;

export type PartialSpec = { [K in Kind]: PartialSpecOf<K> }[Kind];

/** Where a spec came from: the parsed file (for positions) and the document as written (to tell absent from invalid). */
export type SpecOrigin = Pick<LoadedSpec, 'source' | 'raw'>;

/** A spec and its origin, as the per-spec, cross-spec and policy checks take them. */
export interface CheckedSpec {
  loaded: SpecOrigin;
  spec: PartialSpec;
}

/** `kind/name`, or undefined when the name itself is not valid. */
export const partialSpecKey = (spec: PartialSpec): string | undefined =>
  spec.metadata.name === undefined ? undefined : `${spec.kind}/${spec.metadata.name}`;
