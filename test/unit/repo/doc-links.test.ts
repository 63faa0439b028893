// Every relative link in README.md and docs/*.md must resolve to a file inside this repository (a clone has
// nothing else), and a #fragment into a Markdown file must name one of its headings.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { REPO_ROOT, repoFile } from './repo-files.js';

const DOCS = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside fenced code blocks and inline code spans (links there are examples, not links). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Inline links `[text](target "title")`, images, and reference definitions `[name]: target`. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] as string);
  const references = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1] as string);
  return [...inline, ...references];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const headings = [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)];
  return new Set(
    headings.map((m) =>
      (m[1] as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
}

function problemsIn(doc: string, markdown = repoFile(doc)): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: … are not files of the repository
    const [path = '', fragment] = target.split('#', 2);
    const file = path === '' ? join(REPO_ROOT, doc) : resolve(REPO_ROOT, dirname(doc), decodeURIComponent(path));
    const inside = relative(REPO_ROOT, file);
    if (inside.startsWith(`..${sep}`) || inside === '..') {
      problems.push(`${doc}: ${target} points outside the repository`);
      continue;
    }
    if (!existsSync(file)) {
      problems.push(`${doc}: ${target} does not exist`);
      continue;
    }
    const headings = path === '' ? anchors(markdown) : file.endsWith('.md') ? anchors(repoFile(inside)) : undefined;
    if (fragment && statSync(file).isFile() && headings !== undefined && !headings.has(fragment))
      problems.push(`${doc}: ${target} names no heading of ${inside}`);
  }
  return problems;
}

describe('links in README.md and docs/', () => {
  it('the scan › finds links (README links docs/specs.md, the contract)', () => {
    expect(linkTargets(repoFile('README.md'))).toContain('docs/specs.md');
    expect(DOCS).toContain('docs/specs.md');
  });

  it.each(DOCS)('%s › every relative link resolves inside the repository', (doc) => {
    expect(problemsIn(doc)).toEqual([]);
  });

  it('the checker › reports a link outside the repository, a missing file and a missing heading', () => {
    const markdown = [
      '# Title',
      'see [x](../shared/SPECS.md), [y](docs/nowhere.md), [z](README.md#no-such-heading), [w](#title)',
      'and `[code](not-a-link.md)`, [web](https://example.com/a.md), [ok](docs/specs.md#4-environment-deployment)',
      '```',
      '[fenced](nor-this.md)',
      '```',
    ].join('\n');
    expect(problemsIn('README.md', markdown)).toEqual([
      'README.md: ../shared/SPECS.md points outside the repository',
      'README.md: docs/nowhere.md does not exist',
      'README.md: README.md#no-such-heading names no heading of README.md',
    ]);
    expect(anchors('# Environment\n## How it is built\n### Node.js 24 (LTS)')).toEqual(
      new Set(['environment', 'how-it-is-built', 'nodejs-24-lts']),
    );
  });
});
