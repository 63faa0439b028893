import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { checkArgs } from '../../../src/cli/check-args.js';
import { CliArgsError, CliPathError } from '../../../src/cli/cli-errors.js';
import { binaryPath, readConfigText, specsDirectory } from '../../../src/cli/cli-paths.js';
import { uniqueDiagnostics } from '../../../src/specs/diagnostic.js';
import type { Diagnostic } from '../../../src/specs/diagnostic.js';

const OPTIONS = {
  dir: { type: 'string' },
  json: { type: 'boolean' },
  stack: { type: 'string', multiple: true },
} as const;

describe('checkArgs', () => {
  it.each([
    [['--dri', 'x'], 'unknown option --dri'],
    [['-d', 'x'], 'unknown option -d'],
    [['--dir'], '--dir needs a value'],
    [['--dir='], '--dir needs a value'],
    [['--dir', '--json'], '--dir needs a value (got the option --json; write --dir=--json if that is the value)'],
    [['--stack', 'a', '--stack'], '--stack needs a value'],
    [['--json=false'], '--json takes no value'],
    [['extra'], 'unexpected argument "extra"'],
  ])('%j › %s', (args, message) => {
    expect(() => checkArgs(args, OPTIONS)).toThrow(new CliArgsError(message));
  });

  it.each([[['--dir', 'infra-specs', '--json']], [['--dir=-odd-name']], [['--stack', 'a', '--stack', 'b']], [[]]])(
    '%j › accepted',
    (args) => {
      expect(checkArgs(args, OPTIONS)).toBeUndefined();
    },
  );

  it('--help or -h anywhere › help; positionals only where the command takes them', () => {
    expect(checkArgs(['--dir', 'x', '--help'], OPTIONS)).toBe('help');
    expect(checkArgs(['-h'], OPTIONS)).toBe('help');
    expect(checkArgs(['users.csv'], OPTIONS, true)).toBeUndefined();
  });
});

describe('cli paths', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-paths-'));
  fs.mkdirSync(path.join(root, 'specs'));
  fs.writeFileSync(path.join(root, 'tf'), '#!/bin/sh\n');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('specsDirectory › names where the folder came from; relative to the cwd or absolute', () => {
    expect(specsDirectory(root, 'specs', undefined).exists).toBe(true);
    expect(specsDirectory('/', path.join(root, 'specs'), undefined).exists).toBe(true);
    expect(() => specsDirectory(root, 'spec', undefined)).toThrow(new CliPathError('--dir spec: no such directory'));
    expect(() => specsDirectory(root, undefined, 'infra')).toThrow(
      new CliPathError('specsDir infra (.github/infra.yml): no such directory'),
    );
    expect(() => specsDirectory(root, undefined, undefined)).toThrow(
      new CliPathError('--dir infra-specs (the default): no such directory'),
    );
    expect(specsDirectory(root, undefined, undefined, true)).toEqual({
      dir: 'infra-specs',
      label: '--dir infra-specs (the default)',
      exists: false,
    });
    expect(() => specsDirectory(root, 'tf', undefined, true)).toThrow(new CliPathError('--dir tf: not a directory'));
  });

  it('readConfigText › --config must exist; the default may be absent', () => {
    expect(readConfigText(root, undefined)).toBeUndefined();
    expect(() => readConfigText(root, 'infra.yml')).toThrow(new CliPathError('--config infra.yml: no such file'));
    expect(() => readConfigText(root, 'specs')).toThrow(new CliPathError('--config specs: is a directory, not a file'));
  });

  it('binaryPath › a bare name is left to PATH; a path is resolved against the cwd and must be a file', () => {
    expect(binaryPath(root, undefined)).toBeUndefined();
    expect(binaryPath(root, 'terraform')).toBe('terraform');
    expect(binaryPath(root, './tf')).toBe(path.join(root, 'tf'));
    expect(() => binaryPath(root, './terraform')).toThrow(new CliPathError('--binary ./terraform: no such file'));
    expect(() => binaryPath(root, './specs')).toThrow(new CliPathError('--binary ./specs: not a file'));
  });
});

describe('uniqueDiagnostics', () => {
  const d = (line: number, message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
    file: 'infra-specs/a.yaml',
    line,
    column: 3,
    path: 'spec',
    message,
    severity,
  });
  it('the same problem at the same place once; anything that differs stays', () => {
    const input = [d(1, 'x'), d(1, 'x'), d(2, 'x'), d(1, 'y'), d(1, 'x', 'warning')];
    expect(uniqueDiagnostics(input)).toEqual([d(1, 'x'), d(2, 'x'), d(1, 'y'), d(1, 'x', 'warning')]);
  });
});
