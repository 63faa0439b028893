/** One problem found in a file, pointing at the offending key or value. */
export interface Diagnostic {
  /** Repo-relative path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path inside the document (`spec.ssh.allowFrom.0`), empty for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export const isError = (d: Diagnostic): boolean => d.severity === 'error';

export const compareDiagnostics = (a: Diagnostic, b: Diagnostic): number =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);

/** `file:line:column: message`, the format editors and CI annotate from. */
export const formatDiagnostic = (d: Diagnostic): string =>
  `${d.file}:${d.line}:${d.column}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;

export const formatPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** One line per problem: two checks that find the same thing at the same place report it once (first one kept). */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.file, d.line, d.column, d.severity, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
