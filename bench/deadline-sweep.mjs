// Times the deadline sweep's due-query over 10,000 scheduled deadlines in SQLite.
// Build first: npx tsc -p tsconfig.json && node bench/deadline-sweep.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../lib/store/open-store.js';

const COUNT = 10_000;
const RUNS = 20;
const MINUTE = 60_000;
const start = Date.UTC(2030, 0, 1);
const dataDir = mkdtempSync(join(tmpdir(), 'infra-bot-sweep-'));
const store = await openStore({ dataDir, clock: { now: () => new Date(start) } });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function time(label, pass) {
  await pass();
  const timings = [];
  let found = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const began = performance.now();
    found = (await pass()).length;
    timings.push(performance.now() - began);
  }
  console.log(
    `${label}: ${found} rows, median ${median(timings).toFixed(2)} ms, max ${Math.max(...timings).toFixed(2)} ms`,
  );
}

try {
  const began = performance.now();
  for (let i = 0; i < COUNT; i += 1) {
    const dueAt = new Date(start + (i + 1) * MINUTE);
    await store.scheduleDeadline({
      repo: 'acme/infra',
      specKey: `Ec2Instance/box-${i}`,
      stack: `ec2-box-${i}`,
      dueAt,
      owner: 'owner@acme.test',
      reminders: [new Date(dueAt.getTime() - 60 * MINUTE)],
    });
  }
  console.log(`scheduled ${COUNT} deadlines (one transaction each) in ${(performance.now() - began).toFixed(0)} ms`);

  const sweepAt = new Date(start + 100 * MINUTE);
  await time('dueDeadlines(now, 100), 100 of 10,000 due', () => store.dueDeadlines(sweepAt, 100));
  await time('dueDeadlines(now, 100), none due', () => store.dueDeadlines(new Date(start), 100));
  await time('dueDeadlines(now, 100), all 10,000 due', () => store.dueDeadlines(new Date(start + 1e12), 100));
  await time('dueDeadlines(now, 10000), all 10,000 due', () => store.dueDeadlines(new Date(start + 1e12), COUNT));
  await time('dueReminders(now, 100)', () => store.dueReminders(sweepAt, 100));
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
