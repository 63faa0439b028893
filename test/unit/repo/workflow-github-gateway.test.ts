// The orchestrators reach GitHub only through src/github/: there every call is named, typed and its errors mapped
// (errors.ts). A raw Octokit call in src/workflow/ would bypass that, so this test reads the sources for one.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './repo-files.js';

const WORKFLOW = join(REPO_ROOT, 'src', 'workflow');

/** `x.rest.…`, `x.request(…)` / `x.request.endpoint`, `x.graphql(…)`, `x.paginate(…)`: Octokit's own doors. */
const RAW_CALL = /\.(?:rest\.\w|request\s*[(.]|graphql\s*[(.]|paginate\s*\()/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function rawGitHubCalls(files: ReadonlyArray<{ path: string; text: string }>): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, i) => (RAW_CALL.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('src/workflow and GitHub', () => {
  it('finds a raw Octokit call in each of its spellings', () => {
    const lines = [
      'await octokit.rest.pulls.get({ owner, repo, pull_number });',
      'await app.paginate(app.rest.apps.listInstallations);',
      "await octokit.request('GET /repos/{owner}/{repo}', target);",
      'const base = octokit.request.endpoint.DEFAULTS.baseUrl;',
      'await octokit.graphql(query, variables);',
      'await octokit.paginate(list, {});',
    ];
    const found = rawGitHubCalls(lines.map((text, i) => ({ path: `example-${i}.ts`, text })));
    expect(found).toHaveLength(lines.length);
  });

  it('leaves names that only look alike alone', () => {
    const text = [
      'const plan = await runner.plan({ ...request, destroy: true });',
      "requestApproval: 'approval.request',",
      'if (message?.request) return;',
      'const interest = rest.value;',
    ].join('\n');
    expect(rawGitHubCalls([{ path: 'lookalikes.ts', text }])).toEqual([]);
  });

  it('calls GitHub only through the src/github gateway', () => {
    const files = sourceFiles(WORKFLOW).map((path) => ({
      path: relative(REPO_ROOT, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(20);
    expect(rawGitHubCalls(files)).toEqual([]);
  });
});
