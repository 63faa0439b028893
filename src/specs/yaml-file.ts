import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { readYamlSubset } from './yaml-subset.js';

/** Specs are small; anything larger is a mistake or an attack. */
export const MAX_SPEC_FILE_BYTES = 128 * 1024;
/** Alias expansions allowed in one document (billion-laughs guard; the yaml library counts expanded nodes). */
const MAX_ALIAS_COUNT = 100;

let yamlModule: typeof Yaml | undefined;
/** `yaml`, loaded on first use: a repository of plain specs never needs it (see yaml-subset.ts). */
const yaml = (): typeof Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export interface ParsedYamlFile {
  file: string;
  value: unknown;
  /** Position of a path's value (or its key), falling back to the deepest existing ancestor. */
  locate(path: readonly PropertyKey[], target?: 'key' | 'value'): { line: number; column: number };
}

export type YamlParseResult = { ok: true; parsed: ParsedYamlFile } | { ok: false; diagnostics: Diagnostic[] };

/** Parses one YAML document with positions; every syntax problem becomes a diagnostic. */
export function parseYamlFile(file: string, text: string): YamlParseResult {
  const problem = (line: number, column: number, message: string): Diagnostic => ({
    file,
    line,
    column,
    path: '',
    message,
    severity: 'error',
  });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SPEC_FILE_BYTES) {
    return {
      ok: false,
      diagnostics: [problem(1, 1, `file is ${bytes} bytes; spec files are limited to ${MAX_SPEC_FILE_BYTES} bytes`)],
    };
  }
  const subset = readYamlSubset(text);
  if (subset) {
    // Positions are only needed for diagnostics: `yaml` reads the file then, so they are always its own.
    let full: ReturnType<typeof parseFull> | undefined;
    const locate: ParsedYamlFile['locate'] = (path, target = 'value') => {
      full ??= parseFull(text);
      return full.at(offsetOf(full.documents[0]!, path, target));
    };
    return { ok: true, parsed: { file, value: subset.value, locate } };
  }
  const { documents, at } = parseFull(text);
  if (!Array.isArray(documents)) return { ok: false, diagnostics: [problem(1, 1, 'file is empty: expected one spec')] };
  const [document, second] = documents;
  if (!document || (document.contents === null && documents.length === 1)) {
    return { ok: false, diagnostics: [problem(1, 1, 'file is empty: expected one spec')] };
  }
  if (second) {
    const { line, column } = at(second.range[0]);
    return {
      ok: false,
      diagnostics: [problem(line, column, 'one spec per file: this file holds more than one YAML document')],
    };
  }
  const errors = [...document.errors, ...document.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  if (errors.length > 0) {
    return {
      ok: false,
      diagnostics: errors.map((error) => {
        const { line, column } = at(error.pos[0]);
        const message =
          error.code === 'DUPLICATE_KEY'
            ? 'duplicate key: each key may appear once in a mapping'
            : `YAML syntax error: ${firstLine(error.message)}`;
        return problem(line, column, message);
      }),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(document);
    const { line, column } = alias ? at(alias) : { line: 1, column: 1 };
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      ok: false,
      diagnostics: [
        problem(
          line,
          column,
          /alias/i.test(reason)
            ? `YAML anchors and aliases expand too far (more than ${MAX_ALIAS_COUNT} expansions): write the values out`
            : `YAML could not be read: ${reason}`,
        ),
      ],
    };
  }
  const locate: ParsedYamlFile['locate'] = (path, target = 'value') => at(offsetOf(document, path, target));
  return { ok: true, parsed: { file, value, locate } };
}

function parseFull(text: string) {
  const { LineCounter: Counter, parseAllDocuments } = yaml();
  const lineCounter: LineCounter = new Counter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { documents, at };
}

function offsetOf(document: Document, path: readonly PropertyKey[], target: 'key' | 'value'): number {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  // Where the nearest existing ancestor was introduced (its key), for paths that are missing.
  let parentKey = offset;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return target === 'key' ? parentKey : offset;
      const keyStart = rangeStart(pair.key);
      if (last && target === 'key' && keyStart !== undefined) return keyStart;
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
      parentKey = keyStart ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return offset;
      offset = rangeStart(node) ?? offset;
      parentKey = offset;
    } else {
      return offset;
    }
  }
  return offset;
}

const rangeStart = (node: unknown): number | undefined => (node as YamlNode | null)?.range?.[0];

function firstAlias(document: Document): number | undefined {
  const { visit } = yaml();
  let found: number | undefined;
  visit(document, {
    Alias(_key, node) {
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

const firstLine = (text: string): string => text.split('\n')[0]?.trim() ?? text;
