import type { z } from 'zod';
import { formatPath } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { didYouMean } from './suggest.js';
import type { ParsedYamlFile } from './yaml-file.js';

type Issue = z.core.$ZodIssue;
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}
export const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Turns zod issues into diagnostics at the offending key or value, with "did you mean" for unknown fields. */
export function zodIssuesToDiagnostics(
  issues: readonly Issue[],
  parsed: ParsedYamlFile,
  schema: z.ZodType,
  prefix: readonly PropertyKey[] = [],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(objectShapeAt(schema, issue.path) ?? {});
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        diagnostics.push(at(parsed, keyPath, 'key', `unknown field "${formatPath(keyPath)}"${didYouMean(key, known)}`));
      }
      continue;
    }
    const missing = valueAt(parsed.value, path) === undefined && MISSING_CODES.has(issue.code);
    if (
      !missing &&
      issue.code === 'invalid_union' &&
      issue.errors.length > 0 &&
      !isGenericUnionMessage(issue.message)
    ) {
      diagnostics.push(at(parsed, path, 'value', withPath(path, issue.message)));
      continue;
    }
    const message = missing ? `${formatPath(path)} is required` : withPath(path, issue.message);
    diagnostics.push(at(parsed, path, missing ? 'key' : 'value', message));
  }
  return diagnostics;
}

const MISSING_CODES = new Set(['invalid_type', 'invalid_value', 'invalid_union']);
const isGenericUnionMessage = (message: string) => message === 'Invalid input';

function withPath(path: readonly PropertyKey[], message: string): string {
  const text = formatPath(path);
  return text && !message.startsWith(text) ? `${text}: ${message}` : message;
}

function at(
  parsed: ParsedYamlFile,
  path: readonly PropertyKey[],
  target: 'key' | 'value',
  message: string,
): Diagnostic {
  const { line, column } = parsed.locate(path, target);
  return { file: parsed.file, line, column, path: formatPath(path), message, severity: 'error' };
}

export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** The keys an object schema accepts at a path (through optional/default wrappers, arrays and records). */
function objectShapeAt(schema: z.ZodType, path: readonly PropertyKey[]): Record<string, z.ZodType> | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
    current = current && unwrap(current);
  }
  return current ? defOf(current).shape : undefined;
}

/** The schema inside optional/default/nullable wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}
