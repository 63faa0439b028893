import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDb } from '../../../src/store/sql/sqlite-db.js';
import type { SqlDb } from '../../../src/store/sql/sql-db.js';
import { openSqliteConnection } from '../../../src/store/sql/sqlite-driver.js';

describe('SQLite connection options', () => {
  let dir: string;
  const open: SqlDb[] = [];
  const openDb = (options: Parameters<typeof openSqliteDb>[1] = {}) => {
    const db = openSqliteDb(join(dir, 'test.db'), options);
    open.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'infra-bot-sqlite-'));
    await openDb().exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('group commit', () => {
    it('commits the transactions of one event-loop turn together and resolves each after the commit', async () => {
      const db = openDb({ groupCommit: true });
      const commits: number[] = [];
      // A raw connection: the store's own would wait for the group (one gate per file in a process).
      const other = openSqliteConnection(join(dir, 'test.db'));
      const results = await Promise.all(
        ['a', 'b', 'c'].map((id, n) =>
          db.transaction(async (tx) => {
            await tx.run('INSERT INTO t (id, n) VALUES (?, ?)', [id, n]);
            // Another connection sees nothing of the group before its commit.
            commits.push(Number((other.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c));
            return id;
          }),
        ),
      );
      expect(results).toEqual(['a', 'b', 'c']);
      expect(commits).toEqual([0, 0, 0]);
      expect(other.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 3 });
      other.close();
    });

    it('rolls back only the transaction that failed, and rejects only its caller', async () => {
      const db = openDb({ groupCommit: true });
      const outcomes = await Promise.allSettled([
        db.transaction((tx) => tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['a', 1])),
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['b', 2]);
          throw new Error('the second one fails after writing');
        }),
        // A constraint error inside SQLite, not only a thrown one.
        db.transaction((tx) => tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['c', null])),
        db.transaction((tx) => tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['d', 4])),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(await db.all('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'a' }, { id: 'd' }]);
    });

    it('sees the earlier transactions of the same group (they run one after the other)', async () => {
      const db = openDb({ groupCommit: true });
      const [, second] = await Promise.all([
        db.transaction((tx) => tx.run('INSERT INTO t (id, n) VALUES (?, ?)', ['a', 1])),
        db.transaction(async (tx) => (await tx.get<{ n: number }>('SELECT n FROM t WHERE id = ?', ['a']))?.n),
      ]);
      expect(second).toBe(1);
    });
  });

  describe('checkpoints', () => {
    const walBytes = () => statSync(join(dir, 'test.db-wal')).size;
    const writePages = async (db: SqlDb, rows: number, prefix = 'row') => {
      for (let i = 0; i < rows; i++) {
        await db.run('INSERT INTO t (id, n) VALUES (?, ?)', [`${prefix}${i}-${'x'.repeat(2000)}`, i]);
      }
    };

    it('by default a commit checkpoints once the WAL passes 1,000 pages', async () => {
      await writePages(openDb(), 3000);
      expect(walBytes()).toBeLessThan(1100 * 4096);
    });

    it('"elsewhere" leaves the WAL to grow past the 1,000-page automatic checkpoint', async () => {
      const db = openDb({ checkpoints: 'elsewhere' });
      await writePages(db, 3000);
      // 1,000 pages of 4 KiB is where SQLite would have restarted the WAL.
      expect(walBytes()).toBeGreaterThan(1000 * 4096);
    });

    it('a connection with checkpointEveryMs copies the WAL into the database for the others', async () => {
      const db = openDb({ checkpoints: 'elsewhere' });
      await writePages(db, 3000);
      const before = statSync(join(dir, 'test.db')).size;
      openDb({ checkpointEveryMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(statSync(join(dir, 'test.db')).size).toBeGreaterThan(before + 1000 * 4096);
      // The next write restarts the WAL from its beginning instead of growing it.
      const grown = walBytes();
      await writePages(db, 10, 'after');
      expect(walBytes()).toBe(grown);
    });
  });
});
