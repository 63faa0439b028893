import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../../src/cli.js';
import type { CliIo } from '../../../src/cli/io.js';
import { startOktaDouble, type OktaDouble } from '../../doubles/okta/server.js';

const TOKEN = 'cli-okta-token-0123456789';
const ADA =
  'apiVersion: infra-bot/v1\nkind: OktaUser\nmetadata: { name: ada }\nspec: { email: ada@demoac.com, firstName: Ada, lastName: Lovelace }\n';

describe('cli › infra-bot access-review', () => {
  let okta: OktaDouble;
  let workspace: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = (env: Record<string, string> = { OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: TOKEN }): CliIo => ({
    cwd: workspace,
    env,
    now: () => new Date(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });

  beforeAll(async () => {
    okta = await startOktaDouble({ token: TOKEN });
    okta.state.addUser({
      login: 'ada@demoac.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      lastLogin: new Date().toISOString(),
    });
    okta.seed({ users: 450, groups: 5 });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-review-'));
    fs.mkdirSync(path.join(workspace, 'infra-specs'));
    fs.writeFileSync(path.join(workspace, 'infra-specs', 'ada.yaml'), ADA);
  });
  afterAll(async () => {
    await okta.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('writes the full Markdown report and the CSV (every user, across pages) and prints the counts', async () => {
    expect(await runCli(['access-review', '--out', 'out/report.md', '--csv', 'out/report.csv'], io())).toBe(0);
    const csv = fs.readFileSync(path.join(workspace, 'out/report.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(452);
    expect(csv).toContainEqual(
      expect.stringMatching(/^ada@demoac\.com,ada@demoac\.com,ACTIVE,[^,]+,,OktaUser\/ada,false,/),
    );
    expect(fs.readFileSync(path.join(workspace, 'out/report.md'), 'utf8')).toContain('### All users (451)');
    expect(out[0]).toMatch(/^451 users \(\d+ inactive, 450 without a spec\), 6 groups, 0 drifted specs, 0 roles$/);
  });

  it('Okta rate limiting midway › the report is written, marked partial, exit 1', async () => {
    okta.rateLimitStorm(200, { path: '/groups/00g', resetInSeconds: 0 });
    expect(await runCli(['access-review', '--out', 'partial.md'], io())).toBe(1);
    okta.clearFaults();
    expect(fs.readFileSync(path.join(workspace, 'partial.md'), 'utf8')).toContain('**Partial report**');
    expect(err.at(-1)).toMatch(/^partial report: /);
  }, 30_000);

  it('no Okta settings › usage (exit 2); Okta unreachable › says so (exit 2), nothing written', async () => {
    expect(await runCli(['access-review', '--out', 'x.md'], io({}))).toBe(2);
    expect(err.at(-1)).toContain('set OKTA_ORG_URL and OKTA_API_TOKEN');
    expect(
      await runCli(
        ['access-review', '--out', 'x.md'],
        io({ OKTA_ORG_URL: 'http://127.0.0.1:9', OKTA_API_TOKEN: TOKEN }),
      ),
    ).toBe(2);
    expect(err.at(-1)).toContain('Okta is unreachable');
    expect(fs.existsSync(path.join(workspace, 'x.md'))).toBe(false);
  }, 30_000);
});
