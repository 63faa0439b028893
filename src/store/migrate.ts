import { StoreError } from './errors.js';
import type { Migration } from './migrations/migration.js';
import type { SqlDb } from './sql/sql-db.js';

/**
 * Applies the missing migrations in order, in one transaction, and records each in `schema_migrations`.
 * Two processes starting at once are safe: SQLite's BEGIN IMMEDIATE and PostgreSQL's advisory lock let one
 * migrate while the other waits, then finds nothing left to do. Returns the versions it applied.
 */
export async function migrate(
  db: SqlDb,
  migrations: readonly Migration[],
  options: { schema?: string; now: Date },
): Promise<number[]> {
  assertOrdered(migrations);
  try {
    return await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') {
        await tx.get('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [
          `infra-bot:migrate:${options.schema ?? 'default'}`,
        ]);
        // Safe to interpolate: the schema name was checked against a plain identifier pattern.
        if (options.schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      }
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const applied = new Set(
        (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
      );
      const newest = Math.max(0, ...migrations.map((migration) => migration.version));
      const tooNew = [...applied].filter((version) => version > newest);
      if (tooNew.length > 0) {
        throw new StoreError(
          'schema-too-new',
          `the database has schema version ${Math.max(...tooNew)}, newer than this build knows (${newest}): run a newer infra-bot`,
        );
      }
      const done: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await tx.exec(migration.sql);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          options.now,
        ]);
        done.push(migration.version);
      }
      return done;
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('migration-failed', `database migration failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.version >= migration.version) {
      throw new StoreError('migration-failed', `migration ${migration.version} is out of order`);
    }
  });
}
