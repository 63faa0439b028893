// Runs the store suite against both engines: SQLite in a temp dir, PostgreSQL in a schema of its own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteConnection } from '../../../src/store/sql/sqlite-driver.js';
import pg from 'pg';
import { openStore } from '../../../src/store/open-store.js';
import type { Store, StoreClock } from '../../../src/store/store.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

const TABLES = [
  'deliveries',
  'jobs',
  'stack_locks',
  'lock_waiters',
  'run_locks',
  'plans',
  'decisions',
  'approval_messages',
  'deadline_reminders',
  'deadlines',
  'comment_ids',
  'audit_log',
  'unapplied_merges',
];

export interface EngineHarness {
  name: EngineName;
  /** Where the SQLite file lives (SQLite only). */
  dataDir: string;
  /** PostgreSQL schema of this harness (PostgreSQL only). */
  schema: string;
  /** Another store on the same database, like a second process or replica would open. */
  open(options?: { clock?: StoreClock; poolMax?: number }): Promise<Store>;
  /** Runs raw SQL (a script without parameters) on the engine, outside any store. */
  sql(script: string): Promise<void>;
  /** Empties every table. */
  reset(): Promise<void>;
  /** Closes every store it opened and removes the database. */
  dispose(): Promise<void>;
}

export async function createHarness(name: EngineName): Promise<EngineHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-bot-store-'));
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const stores: Store[] = [];

  const withPg = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  const sql = async (script: string): Promise<void> => {
    if (name === 'postgres') {
      await withPg((client) => client.query(`SET search_path TO ${schema};\n${script}`));
      return;
    }
    const db = openSqliteConnection(join(dataDir, 'infra-bot.db'));
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      db.exec(script);
    } finally {
      db.close();
    }
  };

  return {
    name,
    dataDir,
    schema,
    async open(options = {}) {
      const store = await openStore({
        databaseUrl: name === 'postgres' ? PG_URL : undefined,
        dataDir,
        schema,
        clock: options.clock,
        poolMax: options.poolMax,
      });
      stores.push(store);
      return store;
    },
    sql,
    reset() {
      return sql(TABLES.map((table) => `DELETE FROM ${table};`).join('\n'));
    },
    async dispose() {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dataDir, { recursive: true, force: true });
      if (name === 'postgres') await withPg((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}
