import { describe, expect, it } from '@jest/globals';
import { diagnosticsToAnnotations, normalizeAnnotation } from '../../../src/github/annotations.js';

describe('diagnosticsToAnnotations', () => {
  it('maps severity, file, line and column; errors and unspecified severities are failures', () => {
    expect(
      diagnosticsToAnnotations([
        { file: 'infra-specs/a.yaml', line: 3, column: 5, message: 'unknown field "nmae", did you mean "name"?' },
        { file: 'infra-specs/b.yaml', line: 1, column: 1, message: 'ttl is long', severity: 'warning' },
        { file: 'infra-specs/c.yaml', line: 7, column: 2, message: 'bad', severity: 'error' },
      ]),
    ).toEqual([
      {
        path: 'infra-specs/a.yaml',
        start_line: 3,
        end_line: 3,
        start_column: 5,
        end_column: 5,
        annotation_level: 'failure',
        message: 'unknown field "nmae", did you mean "name"?',
      },
      {
        path: 'infra-specs/b.yaml',
        start_line: 1,
        end_line: 1,
        start_column: 1,
        end_column: 1,
        annotation_level: 'warning',
        message: 'ttl is long',
      },
      {
        path: 'infra-specs/c.yaml',
        start_line: 7,
        end_line: 7,
        start_column: 2,
        end_column: 2,
        annotation_level: 'failure',
        message: 'bad',
      },
    ]);
  });

  it('a diagnostic without a usable position (line 0, column 0) › lands on line 1 without columns', () => {
    expect(diagnosticsToAnnotations([{ file: 'f.yaml', line: 0, column: 0, message: 'empty file' }])).toEqual([
      { path: 'f.yaml', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'empty file' },
    ]);
  });
});

describe('normalizeAnnotation', () => {
  const base = { path: 'a.yaml', annotation_level: 'notice' as const, message: 'm' };

  it('columns across several lines › are dropped, as GitHub requires', () => {
    expect(normalizeAnnotation({ ...base, start_line: 2, end_line: 4, start_column: 3, end_column: 9 })).toEqual({
      ...base,
      start_line: 2,
      end_line: 4,
    });
  });

  it('an end line before the start line › is raised to the start line', () => {
    expect(normalizeAnnotation({ ...base, start_line: 5, end_line: 2 })).toEqual({
      ...base,
      start_line: 5,
      end_line: 5,
    });
  });

  it('an end column before the start column › is raised to the start column', () => {
    expect(normalizeAnnotation({ ...base, start_line: 1, end_line: 1, start_column: 8, end_column: 2 })).toMatchObject({
      start_column: 8,
      end_column: 8,
    });
  });

  it('over-long titles and messages › are cut to GitHub’s limits', () => {
    const out = normalizeAnnotation({
      ...base,
      start_line: 1,
      end_line: 1,
      title: 't'.repeat(300),
      message: 'm'.repeat(70_000),
    });
    expect(out.title).toHaveLength(255);
    expect(out.message).toHaveLength(64 * 1024);
  });
});
