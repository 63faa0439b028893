import type { Diagnostic } from './diagnostic.js';
import { formatPath } from './diagnostic.js';
import type { ParsedYamlFile } from './yaml-file.js';

export interface ReportOptions {
  target?: 'key' | 'value';
  severity?: 'error' | 'warning';
}

/** Collects diagnostics positioned inside a parsed file. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  report(source: ParsedYamlFile, path: readonly PropertyKey[], message: string, options: ReportOptions = {}): void {
    const { line, column } = source.locate(path, options.target ?? 'value');
    this.diagnostics.push({
      file: source.file,
      line,
      column,
      path: formatPath(path),
      message,
      severity: options.severity ?? 'error',
    });
  }
}
