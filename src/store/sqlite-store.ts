import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.js';
import { sqliteMigrations } from './migrations/sqlite.js';
import { createSqlStore } from './sql/sql-store.js';
import { openSqliteDb } from './sql/sqlite-db.js';
import type { SqliteDbOptions } from './sql/sqlite-db.js';
import type { Store, StoreClock } from './store.js';

/** SQLite (WAL, busy timeout): one process serving a team. */
export async function openSqliteStore(options: {
  file: string;
  clock: StoreClock;
  sqlite?: SqliteDbOptions;
}): Promise<Store> {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = openSqliteDb(options.file, options.sqlite);
  try {
    await migrate(db, sqliteMigrations, { now: options.clock.now() });
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(db, options.clock);
}
