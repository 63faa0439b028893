// Where a spec the app writes lives, and its YAML text (pure): the same shape as the examples in infra-specs/, with
// the `yaml-language-server` line so editors validate it against the JSON Schema.
import { posix } from 'node:path';
import { stringify } from 'yaml';
import { kindRegistry } from '../../kinds/index.js';
import { API_VERSION } from '../../specs/kinds/common.js';
import type { Kind } from '../../specs/model.js';
import type { SpecDraft } from './spec-fields.js';

export const SCHEMA_PATH = 'schemas/infra-spec.schema.json';

/**
 * `infra-specs/compute/devbox.yaml` (the kind's `folder`; identity kinds share `identity/`, each in a subfolder, as
 * names are unique per kind only); when that path is taken by another file, the kind is added to the name.
 */
export function specFilePath(
  specsDir: string,
  kind: Kind,
  name: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const dir = posix.join(specsDir.replace(/\/+$/, ''), kindRegistry.definition(kind).folder);
  const plain = posix.join(dir, `${name}.yaml`);
  return taken.has(plain) ? posix.join(dir, `${name}-${kind.toLowerCase()}.yaml`) : plain;
}

/** The document as YAML: apiVersion, kind, metadata (name first), spec; keys in the order given. */
export function renderSpecYaml(path: string, kind: Kind, name: string, draft: SpecDraft): string {
  const schema = posix.relative(posix.dirname(path), SCHEMA_PATH);
  const document = {
    apiVersion: API_VERSION,
    kind,
    metadata: { name, ...withoutKey(draft.metadata, 'name') },
    spec: draft.spec,
  };
  return `# yaml-language-server: $schema=${schema}\n${stringify(document, { lineWidth: 0 })}`;
}

const withoutKey = (tree: Record<string, unknown>, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(tree).filter(([k]) => k !== key));
