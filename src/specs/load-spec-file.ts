import { API_VERSION } from './kinds/common.js';
import { documentSchemaFor } from './kinds/index.js';
import type { SpecDocument } from './kinds/index.js';
import type { Diagnostic } from './diagnostic.js';
import { KINDS } from '../kinds/index.js';
import type { Kind } from './model.js';
import { closest } from './suggest.js';
import { parseYamlFile } from './yaml-file.js';
import type { ParsedYamlFile } from './yaml-file.js';
import { zodIssuesToDiagnostics } from './zod-diagnostics.js';

/** A spec file that passed YAML and schema checks; cross-spec and policy checks come later. */
export interface LoadedSpec<K extends Kind = Kind> {
  kind: K;
  document: SpecDocument<K>;
  /** The document as written (before defaults), for hashing. */
  raw: unknown;
  source: ParsedYamlFile;
}

/** When only the schema failed, `partial` is what is left to check: the kind is known and the YAML parsed. */
export type LoadSpecResult =
  | { ok: true; spec: LoadedSpec }
  | { ok: false; diagnostics: Diagnostic[]; partial?: Pick<LoadedSpec, 'kind' | 'raw' | 'source'> };

export function loadSpecFile(file: string, text: string): LoadSpecResult {
  const parsed = parseYamlFile(file, text);
  if (!parsed.ok) return parsed;
  const source = parsed.parsed;
  const fail = (path: PropertyKey[], target: 'key' | 'value', message: string): LoadSpecResult => {
    const { line, column } = source.locate(path, target);
    return { ok: false, diagnostics: [{ file, line, column, path: path.join('.'), message, severity: 'error' }] };
  };
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail([], 'value', 'a spec must be a YAML mapping with apiVersion, kind, metadata and spec');
  }
  const { apiVersion, kind } = value as Record<string, unknown>;
  if (apiVersion === undefined) return fail([], 'value', `apiVersion is required: "${API_VERSION}"`);
  if (apiVersion !== API_VERSION) {
    return fail(['apiVersion'], 'value', `unknown apiVersion ${JSON.stringify(apiVersion)}; expected "${API_VERSION}"`);
  }
  if (kind === undefined) return fail([], 'value', `kind is required: one of ${KINDS.join(', ')}`);
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? closest(kind, KINDS) : undefined;
    return fail(
      ['kind'],
      'value',
      `unknown kind ${JSON.stringify(kind)}${hint ? `; did you mean "${hint}"?` : `; expected one of ${KINDS.join(', ')}`}`,
    );
  }
  const schema = documentSchemaFor(kind as Kind);
  const result = schema.safeParse(value);
  if (!result.success) {
    return {
      ok: false,
      diagnostics: zodIssuesToDiagnostics(result.error.issues, source, schema),
      partial: { kind: kind as Kind, raw: value, source },
    };
  }
  return { ok: true, spec: { kind: kind as Kind, document: result.data as SpecDocument<Kind>, raw: value, source } };
}
