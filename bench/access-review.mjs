// Access review benchmark (issue 5): 10,000 users and 500 groups served by the local Okta double (in its own
// process), then collect + build + render (summary, full report, CSV) in this one. Target: < 60 s wall and < 300 MB
// peak RSS; prints the number of Okta API calls. Build first:
//   npx tsc -p tsconfig.json && node bench/access-review.mjs [--users 10000] [--groups 500]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const users = option('users', 10_000);
const groups = option('groups', 500);
const LIMITS = { wallSeconds: 60, rssMb: 300 };

if (!existsSync(join(root, 'lib', 'okta', 'okta-client.js'))) {
  console.error('lib/okta is missing: build first with `npx tsc -p tsconfig.json`');
  process.exit(2);
}

// The double is TypeScript under test/. Its process transpiles it (types stripped, no checking) into a temporary
// directory and runs it, so neither the compiler nor the double weighs on this process's RSS.
const work = mkdtempSync(join(tmpdir(), 'infra-bot-okta-bench-'));
const bootstrap = `
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
const [work, from] = process.argv.slice(1, 3);
mkdirSync(join(work, 'okta'));
writeFileSync(join(work, 'package.json'), '{"type":"module"}');
for (const file of readdirSync(from).filter((f) => f.endsWith('.ts'))) {
  const { outputText } = ts.transpileModule(readFileSync(join(from, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(work, 'okta', file.replace(/\\.ts$/, '.js')), outputText);
}
await import(join(work, 'okta', 'main.js'));
`;
const child = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    bootstrap,
    work,
    join(root, 'test', 'doubles', 'okta'),
    '--users',
    String(users),
    '--groups',
    String(groups),
  ],
  { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
);
const cleanup = () => {
  child.stdin.end();
  rmSync(work, { recursive: true, force: true });
};
try {
  const first = await new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`the Okta double exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', resolvePromise);
  });
  const { url, token } = JSON.parse(first);

  const { createOktaDirectory } = await import('../lib/okta/okta-client.js');
  const { collectAccessData } = await import('../lib/okta/collect-access-data.js');
  const { buildAccessReview } = await import('../lib/okta/access-review.js');
  const { renderAccessReviewSummary, renderAccessReviewReport, SUMMARY_MAX_CHARS } =
    await import('../lib/okta/render-access-review.js');
  const { renderAccessReviewCsv } = await import('../lib/okta/render-access-csv.js');

  const started = performance.now();
  const directory = createOktaDirectory({ orgUrl: url, token });
  const data = await collectAccessData({ directory });
  const review = buildAccessReview({ ...data, specs: [], now: new Date('2030-01-01T00:00:00Z') });
  const summary = renderAccessReviewSummary(review);
  const full = renderAccessReviewReport(review);
  const csv = renderAccessReviewCsv(review);
  const seconds = (performance.now() - started) / 1000;
  directory.close();

  const peakMb = process.resourceUsage().maxRSS / 1024;
  const served = await fetch(`${url}/_double/stats`).then((r) => r.json());
  const rows = csv.split('\r\n').length - 2;
  console.log(
    `users ${data.users.length} · groups ${data.groups.length} · memberships read for ${data.memberships.size}`,
  );
  console.log(`partial: ${data.partial ? `${data.partial.reason}: ${data.partial.missing.join('; ')}` : 'no'}`);
  console.log(`Okta API calls: ${directory.stats().apiCalls} (client) / ${served.calls} (double)`);
  console.log(
    `summary ${summary.length} chars (limit ${SUMMARY_MAX_CHARS}) · full report ${full.length} chars · CSV ${rows} rows`,
  );
  console.log(
    `wall ${seconds.toFixed(2)} s (limit ${LIMITS.wallSeconds}) · peak RSS ${peakMb.toFixed(0)} MB (limit ${LIMITS.rssMb})`,
  );
  const ok =
    seconds < LIMITS.wallSeconds &&
    peakMb < LIMITS.rssMb &&
    !data.partial &&
    rows === data.users.length &&
    summary.length <= SUMMARY_MAX_CHARS;
  if (!ok) {
    console.error('FAILED: over a limit, partial, or incomplete');
    process.exitCode = 1;
  }
} finally {
  cleanup();
}
