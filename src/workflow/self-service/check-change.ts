// A change the app is about to propose, validated with the validator pull requests get (pure): the default branch's
// spec files with the change applied. Only problems in the files the change writes block it: the rest of the tree is
// not the requester's to fix.
import { parse } from 'yaml';
import { fenceFor } from '../../plan/render-escape.js';
import type { Diagnostic } from '../../specs/diagnostic.js';
import { formatDiagnostic, isError } from '../../specs/diagnostic.js';
import type { SourceFile, ValidationResult } from '../../specs/validate-specs.js';
import { validateSpecs } from '../../specs/validate-specs.js';

export interface FileChange {
  path: string;
  /** null deletes the file. */
  content: string | null;
}

export interface CheckedChange {
  ok: boolean;
  /** Problems in the changed files (errors and warnings). */
  diagnostics: Diagnostic[];
  validation: ValidationResult;
}

export function checkChange(input: {
  files: readonly SourceFile[];
  configText: string | undefined;
  changes: readonly FileChange[];
  now: Date;
}): CheckedChange {
  const changed = new Set(input.changes.map((c) => c.path));
  const files = [
    ...input.files.filter((file) => !changed.has(file.path)),
    ...input.changes.flatMap((c) => (c.content === null ? [] : [{ path: c.path, content: c.content }])),
  ];
  const validation = validateSpecs({ files, configText: input.configText, now: input.now });
  const diagnostics = validation.diagnostics.filter((d) => changed.has(d.file));
  return { ok: !diagnostics.some(isError), diagnostics, validation };
}

/** The diagnostics as a code block, one `file:line:column: message` per line. */
export function diagnosticsBlock(diagnostics: readonly Diagnostic[]): string {
  const text = diagnostics.map(formatDiagnostic).join('\n');
  const fence = fenceFor(text);
  return `${fence}text\n${text}\n${fence}`;
}

export interface SpecHead {
  path: string;
  kind: string;
  name: string;
  /** The `metadata` and `spec` mappings as written (unvalidated). */
  metadata: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** Each file's kind, name and body, read leniently: a file with schema problems still claims its name. */
export function readSpecHeads(files: readonly SourceFile[]): SpecHead[] {
  const heads: SpecHead[] = [];
  for (const file of files) {
    let document: unknown;
    try {
      document = parse(file.content);
    } catch {
      continue;
    }
    const { kind, metadata, spec } = (document ?? {}) as {
      kind?: unknown;
      metadata?: { name?: unknown };
      spec?: unknown;
    };
    if (typeof kind !== 'string' || typeof metadata?.name !== 'string') continue;
    const body = typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
    heads.push({ path: file.path, kind, name: metadata.name, metadata: metadata as Record<string, unknown>, body });
  }
  return heads;
}

/** `kind/name` → file (the first file claiming it). */
export function specIndex(files: readonly SourceFile[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const head of readSpecHeads(files)) {
    if (!index.has(`${head.kind}/${head.name}`)) index.set(`${head.kind}/${head.name}`, head.path);
  }
  return index;
}
