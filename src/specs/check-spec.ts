import { kindRegistry } from '../kinds/index.js';
import { checkTagKeys } from './check-tag-keys.js';
import type { PartialSpec, SpecOrigin } from './partial-spec.js';
import type { DiagnosticSink } from './report.js';

/**
 * Checks one spec that need more than its schema: field combinations, ranges, naming rules. The spec may be partial
 * (it failed its schema): each check runs only on fields that are present, and "not set" is read from the document
 * as written, so a field that is set but invalid never counts as absent. The kind's own checks are its `check` hook.
 */
export function checkSpec(loaded: SpecOrigin, spec: PartialSpec, sink: DiagnosticSink, now: Date): void {
  const src = loaded.source;
  const { metadata } = spec;
  if (metadata.ttl !== undefined && metadata.expiresAt !== undefined) {
    sink.report(src, ['metadata', 'expiresAt'], 'metadata.ttl and metadata.expiresAt are both set: use one of them', {
      target: 'key',
    });
  }
  if (metadata.expiresAt !== undefined && new Date(metadata.expiresAt) <= now) {
    sink.report(src, ['metadata', 'expiresAt'], `metadata.expiresAt ${metadata.expiresAt} is in the past`, {
      severity: 'warning',
    });
  }
  checkTagKeys(Object.keys(metadata.labels ?? {}), ['metadata', 'labels'], loaded, sink);
  kindRegistry.definition(spec.kind).check(spec, loaded, sink);
}
