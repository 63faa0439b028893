/** A check-run annotation as GitHub takes it (https://docs.github.com/en/rest/checks/runs#update-a-check-run). */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only when start_line === end_line: GitHub rejects columns across lines. */
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title?: string;
  message: string;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity?: 'error' | 'warning';
}

const MAX_TITLE = 255;
const MAX_MESSAGE = 64 * 1024;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const line = (n: number): number => (Number.isInteger(n) && n >= 1 ? n : 1);

/** Makes an annotation GitHub accepts: lines ≥ 1, columns only on one line, bounded title and message. */
export function normalizeAnnotation(annotation: Annotation): Annotation {
  const start = line(annotation.start_line);
  const end = Math.max(start, line(annotation.end_line));
  const { start_column, end_column, title, ...rest } = annotation;
  const out: Annotation = { ...rest, start_line: start, end_line: end, message: truncate(rest.message, MAX_MESSAGE) };
  if (title !== undefined) out.title = truncate(title, MAX_TITLE);
  if (start === end && start_column !== undefined && start_column >= 1) {
    out.start_column = start_column;
    out.end_column = Math.max(start_column, end_column ?? start_column);
  }
  return out;
}

/** One annotation per diagnostic, at its file, line and column. */
export function diagnosticsToAnnotations(diagnostics: Diagnostic[]): Annotation[] {
  return diagnostics.map((d) =>
    normalizeAnnotation({
      path: d.file,
      start_line: d.line,
      end_line: d.line,
      start_column: d.column,
      end_column: d.column,
      annotation_level: d.severity === 'warning' ? 'warning' : 'failure',
      message: d.message,
    }),
  );
}
