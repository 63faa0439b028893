import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { runCli } from '../../../src/cli.js';
import type { CliIo } from '../../../src/cli/io.js';

const GROUP = 'apiVersion: infra-bot/v1\nkind: OktaGroup\nmetadata:\n  name: team\nspec: {}\n';

let workspace: string;
let out: string[];
let err: string[];
const io = (): CliIo => ({
  cwd: workspace,
  env: {},
  now: () => new Date('2030-01-01T00:00:00Z'),
  out: (line) => out.push(line),
  err: (line) => err.push(line),
});
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  fs.writeFileSync(path.join(workspace, file), text);
};

beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-import-'));
  out = [];
  err = [];
  write('infra-specs/groups/team.yaml', GROUP);
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

describe('cli › infra-bot import users.csv', () => {
  it('writes one OktaUser spec per row in the specs layout, and they validate', async () => {
    write(
      'users.csv',
      'email,firstName,lastName,groups\nada@demoac.com,Ada,Lovelace,team\nalan@demoac.com,Alan,Turing,\n',
    );
    expect(await runCli(['import', 'users.csv', '--owner', '@maria'], io())).toBe(0);
    expect(out).toEqual([
      'infra-specs/identity/users/ada.yaml  OktaUser/ada  ada@demoac.com',
      'infra-specs/identity/users/alan.yaml  OktaUser/alan  alan@demoac.com',
    ]);
    const ada = parse(fs.readFileSync(path.join(workspace, 'infra-specs/identity/users/ada.yaml'), 'utf8'));
    expect(ada.metadata).toEqual({ name: 'ada', owner: '@maria' });
    expect(await runCli(['validate'], io())).toBe(0);
  });

  it('--out-dir puts the files in one folder', async () => {
    write('users.csv', 'email,firstName,lastName\nada@demoac.com,Ada,Lovelace\n');
    expect(await runCli(['import', 'users.csv', '--out-dir', 'infra-specs/people'], io())).toBe(0);
    expect(fs.existsSync(path.join(workspace, 'infra-specs/people/ada.yaml'))).toBe(true);
  });

  it('bad rows › every one as users.csv:<line>: message, exit 1, nothing written', async () => {
    write(
      'users.csv',
      'email,firstName,lastName,groups\nada@demoac.com,Ada,Lovelace,nope\nbad,B,C,\nada@demoac.com,Ada,Again,\n',
    );
    expect(await runCli(['import', 'users.csv'], io())).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^users\.csv:2: .*nope/),
      'users.csv:3: `bad` is not an email address.',
      'users.csv:4: OktaUser/ada is also made by line 2',
      'users.csv:4: ada@demoac.com is also on line 2',
    ]);
    expect(err).toEqual(['4 problems; nothing written']);
    expect(fs.existsSync(path.join(workspace, 'infra-specs/identity'))).toBe(false);
  });

  it('usage: no file, two files, a missing file › exit 2', async () => {
    expect(await runCli(['import'], io())).toBe(2);
    expect(await runCli(['import', 'a.csv', 'b.csv'], io())).toBe(2);
    expect(await runCli(['import', 'missing.csv'], io())).toBe(2);
    expect(err.at(-1)).toBe('infra-bot: missing.csv: no such file');
  });
});
