import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { startGitHubDouble } from '../../doubles/github/server.js';
import type { GitHubDouble } from '../../doubles/github/double.js';
import { appKey, sendWebhook, startApp, terraformSandbox, waitFor, WEBHOOK_SECRET } from '../support/app-process.js';
import type { AppProcess } from '../support/app-process.js';
import { CONFIG, GROUP, bucket } from '../support/fixtures.js';
import { startTcpProxy } from './tcp-proxy.js';
import type { TcpProxy } from './tcp-proxy.js';

// Three real app processes on one PostgreSQL schema (behind a TCP proxy, so the database can be "restarted" for them
// alone), one GitHub double, one terraform double. Sizes: 3 property runs × (164 PRs that touch no infra file + 3
// PRs racing for one stack) = 501 deliveries, each sent to 1–3 replicas.
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OWNER = 'acme';
const REPO = 'infra';
const INSTALLATION = 4242;
const RUNS = 3;
const PLAIN_PRS_PER_RUN = 164;
const RACERS_PER_RUN = 3;

const schema = `replicas_${process.pid}_${randomUUID().slice(0, 8)}`;
let db: pg.Client;
let proxy: TcpProxy;
let github: GitHubDouble;
let sandbox: ReturnType<typeof terraformSandbox>;
let env: Record<string, string>;
const replicas: AppProcess[] = [];
const dataDirs = new Map<AppProcess, string>();

const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  (await db.query<T>(sql, params)).rows;
const workerIdOf = (app: AppProcess) => `${hostname()}:${app.child.pid}`;
/** A job's worker id names the process, then (jobs run in worker threads) the thread: `host:pid:t0.1`. */
const ranIn = (app: AppProcess, workerId: string) =>
  workerId === workerIdOf(app) || workerId.startsWith(`${workerIdOf(app)}:`);

function databaseUrl(port: number): string {
  const url = new URL(PG_URL);
  url.host = `127.0.0.1:${port}`;
  return url.toString();
}

/** A replica dies like a container: the process and whatever it started (terraform) at once. */
async function killHard(app: AppProcess): Promise<void> {
  const pid = app.child.pid!;
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
  app.child.kill('SIGKILL');
  for (const child of children) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await exited;
  replicas.splice(replicas.indexOf(app), 1);
}

/** The terraform double's invocation log: has terraform started for this PR in this replica's data directory? */
function terraformStartedIn(dataDir: string, pr: number): boolean {
  try {
    return readFileSync(sandbox.log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .some((line) => {
        const { cwd } = JSON.parse(line) as { cwd: string };
        return cwd.startsWith(dataDir) && cwd.includes(`/pr-${pr}/`);
      });
  } catch {
    return false;
  }
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

function prEvent(pr: number) {
  return {
    action: 'opened',
    number: pr,
    pull_request: github.pullPayload(OWNER, REPO, pr),
    repository: github.repoPayload(OWNER, REPO),
    installation: { id: INSTALLATION },
    sender: { login: 'bruce', type: 'User', id: 7 },
  };
}

const openPr = (branch: string, files: Record<string, string>) => {
  github.commit(OWNER, REPO, branch, files, branch);
  return github.openPull({
    owner: OWNER,
    repo: REPO,
    head: branch,
    title: branch,
    user: { login: 'bruce', type: 'User' },
  });
};

interface EvaluateRow {
  pr: number;
  status: string;
  attempts: number;
  worker_id: string | null;
}

const evaluations = (prs: number[]) =>
  query<EvaluateRow>(
    `SELECT (payload->>'pr')::int AS pr, status, attempts, worker_id FROM jobs
     WHERE kind = 'pr.evaluate' AND (payload->>'pr')::int = ANY($1::int[])`,
    [prs],
  );

beforeAll(async () => {
  db = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await db.connect();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(PG_URL).port || 5432) });
  github = await startGitHubDouble({ appId: 321, appPrivateKey: appKey.cached() });
  github.addRepo({
    owner: OWNER,
    repo: REPO,
    installationId: INSTALLATION,
    files: { '.github/infra.yml': CONFIG, 'infra-specs/groups/security.yaml': GROUP },
  });
  github.addCollaborator(OWNER, REPO, 'bruce', 'write');
  sandbox = terraformSandbox();
  env = {
    APP_ID: '321',
    PRIVATE_KEY: appKey.cached(),
    WEBHOOK_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: 'http',
    PATH: `${sandbox.bin}:${process.env.PATH}`,
    AWS_ACCESS_KEY_ID: 'AKIAE2EAMBIENT000001',
    AWS_SECRET_ACCESS_KEY: 'e2e-ambient-secret-key-0123456789',
    DATABASE_URL: databaseUrl(proxy.port),
    DATABASE_SCHEMA: schema,
    // Long enough that heartbeats (every lease / 3) survive a loaded machine; short enough for the takeover test.
    INFRA_BOT_JOB_LEASE_MS: '4000',
    INFRA_BOT_WORKERS: '2', // threads, 2 jobs at once each
  };
  // Started together on an empty schema: their migrations race too (an advisory lock lets one win).
  await Promise.all(
    [0, 1, 2].map(async (index) => {
      const dataDir = join(sandbox.dir, `replica-${index}`, 'data');
      mkdirSync(dirname(dataDir), { recursive: true }); // the replica's working directory
      const app = await startApp({ ...env, DATA_DIR: dataDir });
      replicas.push(app);
      dataDirs.set(app, `${dataDir}/`);
    }),
  );
}, 60_000);

afterAll(async () => {
  if (process.env.DEBUG_REPLICAS) for (const app of dataDirs.keys()) console.log(app.output());
  await Promise.all(replicas.map((app) => app.stop()));
  await github?.close();
  await proxy?.close();
  sandbox?.cleanup();
  await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db?.end();
}, 60_000);

describe('e2e › three replicas on one PostgreSQL', () => {
  let run = 0;

  it('the same deliveries to 1–3 replicas in random order › each processed exactly once, one holder per stack lock', async () => {
    const deliveries = PLAIN_PRS_PER_RUN + RACERS_PER_RUN;
    const indices = Array.from({ length: deliveries }, (_, i) => i);
    const schedule = fc.record({
      order: fc.shuffledSubarray(indices, { minLength: deliveries, maxLength: deliveries }),
      targets: fc.array(fc.shuffledSubarray([0, 1, 2], { minLength: 1 }), {
        minLength: deliveries,
        maxLength: deliveries,
      }),
      concurrency: fc.integer({ min: 4, max: 48 }),
    });

    await fc.assert(
      fc.asyncProperty(schedule, async ({ order, targets, concurrency }) => {
        run += 1;
        const stack = `s3-race-${run}`;
        const plain = Array.from({ length: PLAIN_PRS_PER_RUN }, (_, i) =>
          openPr(`docs-${run}-${i}`, { [`docs/note-${run}-${i}.md`]: `note ${i}\n` }),
        );
        const racers = Array.from({ length: RACERS_PER_RUN }, (_, i) =>
          openPr(`race-${run}-${i}`, { [`infra-specs/data/race-${run}.yaml`]: bucket(`race-${run}`) }),
        );
        const prs = [...plain, ...racers];
        const ids = prs.map(() => randomUUID());

        // Who holds the contended lock, sampled all along the run.
        const holders = new Set<number>();
        let sampling = true;
        const sampler = (async () => {
          while (sampling) {
            const rows = await query<{ pr: number }>('SELECT pr FROM stack_locks WHERE stack = $1', [stack]);
            for (const row of rows) holders.add(row.pr);
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        })();

        const sends = order.flatMap((index) => targets[index]!.map((replica) => ({ index, replica })));
        const statuses: number[] = [];
        await mapLimit(sends, concurrency, async ({ index, replica }) => {
          const sent = await sendWebhook(replicas[replica]!.url, 'pull_request', prEvent(prs[index]!), {
            id: ids[index]!,
          });
          statuses.push(sent.status);
        });
        expect(statuses.every((status) => status === 200)).toBe(true);

        const rows = await waitFor(
          `${prs.length} evaluations done`,
          async () => {
            const found = await evaluations(prs);
            return found.length >= prs.length && found.every((row) => row.status === 'done') ? found : undefined;
          },
          60_000,
        );
        sampling = false;
        await sampler;

        // Exactly once: one delivery row and one job per delivery, never claimed twice, one API read per PR.
        const recorded = await query<{ n: number }>('SELECT COUNT(*)::int AS n FROM deliveries WHERE id = ANY($1)', [
          ids,
        ]);
        expect(recorded[0]!.n).toBe(prs.length);
        expect(rows).toHaveLength(prs.length);
        expect(rows.filter((row) => row.attempts !== 1)).toEqual([]);
        for (const pr of plain) expect(github.countRequests('GET', `/pulls/${pr}/files`)).toBe(1);
        // The work really was shared.
        expect(new Set(rows.map((row) => row.worker_id)).size).toBeGreaterThanOrEqual(2);

        // One holder: the lock never changed hands, one racer planned the stack, the others were told who holds it.
        expect(holders.size).toBe(1);
        const [winner] = [...holders];
        const audit = await query<{ pr: number; outcome: string }>(
          `SELECT pr, outcome FROM audit_log WHERE action = 'plan' AND stack = $1`,
          [stack],
        );
        expect(audit.filter((entry) => entry.outcome !== 'locked').map((entry) => entry.pr)).toEqual([winner]);
        expect(
          audit
            .filter((entry) => entry.outcome === 'locked')
            .map((entry) => entry.pr)
            .sort(),
        ).toEqual(racers.filter((pr) => pr !== winner).sort());
        const plans = await query<{ pr: number }>('SELECT DISTINCT pr FROM plans WHERE stack = $1', [stack]);
        expect(plans.map((plan) => plan.pr)).toEqual([winner]);
        for (const loser of racers.filter((pr) => pr !== winner)) {
          const comment = github.comments(OWNER, REPO, loser).find((c) => c.body.includes('infra-bot:plan'));
          expect(comment?.body).toContain(`#${winner}`);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 240_000);

  it('/metrics on each replica › job durations add up to the jobs done across replicas; the jobs gauge agrees', async () => {
    const pages = await Promise.all(replicas.map(async (app) => (await fetch(`${app.url}/metrics`)).text()));
    const sample = (page: string, pattern: RegExp) =>
      [...page.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
    const [done] = await query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM jobs WHERE kind = 'pr.evaluate' AND status = 'done'`,
    );
    const timed = pages.map((page) =>
      sample(page, /^infra_bot_job_duration_seconds_count\{kind="pr\.evaluate",outcome="ok"\} (\d+)$/gm),
    );
    // Each job ran on exactly one replica: the replicas' own counts add up to the store's.
    expect(timed.reduce((a, b) => a + b, 0)).toBe(done!.n);
    for (const page of pages) {
      expect(sample(page, /^infra_bot_jobs\{state="done",kind="[^"]+"\} (\d+)$/gm)).toBeGreaterThanOrEqual(done!.n);
    }
  });

  it('a replica killed mid-job › another replica takes the job over once its lease expires, and finishes it', async () => {
    const pr = openPr('crash', { 'infra-specs/data/crash.yaml': bucket('crash') });
    sandbox.setFaults({ TF_DOUBLE_DELAY_MS: '4000' });
    const sent = await sendWebhook(replicas[0]!.url, 'pull_request', prEvent(pr));
    expect(sent.status).toBe(200);
    // Mid-job: a replica holds the job and terraform is running in its work directory.
    const running = await waitFor('the job running', async () => {
      const [row] = await evaluations([pr]);
      return row?.status === 'running' ? row : undefined;
    });
    const victim = replicas.find((app) => ranIn(app, running.worker_id ?? ''));
    expect(victim).toBeDefined();
    await waitFor('terraform started', () => terraformStartedIn(dataDirs.get(victim!)!, pr));
    await killHard(victim!);
    sandbox.setFaults({});

    const row = await waitFor(
      'the job finished by another replica',
      async () => {
        const [found] = await evaluations([pr]);
        return found?.status === 'done' ? found : undefined;
      },
      30_000,
    );
    expect(row.attempts).toBe(2);
    expect(ranIn(victim!, row.worker_id ?? '')).toBe(false);
    const plan = github
      .checkRuns(OWNER, REPO, headSha(pr))
      .filter((check) => check.name === 'infra-bot / plan' && check.status === 'completed');
    expect(plan.map((check) => check.conclusion)).toContain('success');
    expect(github.comments(OWNER, REPO, pr).filter((c) => c.body.includes('infra-bot:plan'))).toHaveLength(1);
  }, 60_000);

  it('PostgreSQL goes away and comes back › /readyz says so, webhooks are refused (not lost) meanwhile, work resumes', async () => {
    const alive = replicas.slice(-2);
    const ready = async (app: AppProcess) => (await fetch(`${app.url}/readyz`)).status;
    expect(await Promise.all(alive.map(ready))).toEqual([200, 200]);

    await proxy.down();
    await waitFor('both replicas not ready', async () =>
      (await Promise.all(alive.map(ready))).every((status) => status === 503) ? true : undefined,
    );
    const body = await (await fetch(`${alive[0]!.url}/readyz`)).json();
    expect(body).toMatchObject({ store: 'unreachable' });
    const during = openPr('during-outage', { 'docs/outage.md': 'x\n' });
    const refused = await sendWebhook(alive[0]!.url, 'pull_request', prEvent(during));
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(await Promise.all(alive.map((app) => fetch(`${app.url}/healthz`).then((r) => r.status)))).toEqual([
      200, 200,
    ]);

    // No replica died of the outage. (One used to: a connection lost inside a transaction emitted 'error' on a
    // client nobody listened to, and the next /readyz failed with ECONNRESET; test/integration/store/
    // postgres-connection-lost.test.ts pins the fix.)
    expect(alive.map((app) => app.child.exitCode)).toEqual([null, null]);
    await proxy.up();
    await waitFor('both replicas ready again', async () =>
      (await Promise.all(alive.map(ready))).every((status) => status === 200) ? true : undefined,
    );
    // GitHub does not redeliver by itself; the sender retries the refused delivery, and it is processed.
    const retried = await sendWebhook(alive[1]!.url, 'pull_request', prEvent(during), { id: refused.id });
    expect(retried.status).toBe(200);
    await waitFor('the retried delivery processed', async () => {
      const [row] = await evaluations([during]);
      return row?.status === 'done' ? row : undefined;
    });
    expect(github.countRequests('GET', `/pulls/${during}/files`)).toBe(1);
  }, 60_000);
});

const headSha = (pr: number) => (github.pullPayload(OWNER, REPO, pr) as { head: { sha: string } }).head.sha;
