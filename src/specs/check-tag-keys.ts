import type { SpecOrigin } from './partial-spec.js';
import type { DiagnosticSink } from './report.js';

const RESERVED_TAGS = ['ManagedBy', 'InfraSpec', 'Owner', 'ExpiresAt'];

/** Tag keys infra-bot sets or AWS reserves cannot be written in labels or a kind's own tags. */
export function checkTagKeys(keys: string[], path: string[], loaded: SpecOrigin, sink: DiagnosticSink): void {
  for (const key of keys) {
    if (RESERVED_TAGS.includes(key)) {
      sink.report(
        loaded.source,
        [...path, key],
        `${path.join('.')}.${key}: "${key}" is set by infra-bot and cannot be overridden`,
        {
          target: 'key',
        },
      );
    } else if (key.toLowerCase().startsWith('aws:')) {
      sink.report(
        loaded.source,
        [...path, key],
        `${path.join('.')}.${key}: tag keys starting with "aws:" are reserved by AWS`,
        {
          target: 'key',
        },
      );
    }
  }
}
