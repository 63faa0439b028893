import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openStore } from '../../../src/store/open-store.js';
import { ENGINES, PG_URL, createHarness } from './engines.js';
import type { EngineHarness } from './engines.js';

describe.each(ENGINES)('store (%s) › migrations', (engine) => {
  let harness: EngineHarness;

  beforeAll(async () => {
    harness = await createHarness(engine);
  });
  afterAll(() => harness.dispose());

  it('three processes starting at once › the schema is migrated once and all of them work', async () => {
    const stores = await Promise.all([harness.open(), harness.open(), harness.open()]);
    await Promise.all(stores.map((store) => store.ping()));
    const job = await stores[0]!.enqueue({ kind: 'plan', payload: {}, retryPolicy: 'retry' });
    expect((await stores[2]!.getJob(job.id))?.kind).toBe('plan');
    // Reopening finds every migration applied and applies none again.
    const again = await harness.open();
    expect(await again.getJob(job.id)).toBeDefined();
  });

  it('refuses a database whose schema is newer than this build', async () => {
    await harness.open();
    await harness.sql(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)`);
    await expect(harness.open()).rejects.toMatchObject({ name: 'StoreError', code: 'schema-too-new' });
    await harness.sql('DELETE FROM schema_migrations WHERE version = 999');
  });
});

describe('openStore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'infra-bot-open-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to SQLite at <dataDir>/infra-bot.db, creating the directory', async () => {
    const store = await openStore({ dataDir: join(dataDir, 'nested', 'data') });
    try {
      expect(store.engine).toBe('sqlite');
      await store.ping();
    } finally {
      await store.close();
      await store.close();
    }
  });

  it('rejects an unsupported DATABASE_URL without echoing its password', async () => {
    const error = await openStore({ databaseUrl: 'mysql://root:hunter2@db/infra', dataDir }).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'StoreError', code: 'unsupported-database-url' });
    expect((error as Error).message).toContain('"mysql"');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(
      openStore({ databaseUrl: PG_URL, dataDir, schema: 'x"; DROP SCHEMA public; --' }),
    ).rejects.toMatchObject({
      code: 'invalid-schema-name',
    });
  });

  it('reports an unreachable PostgreSQL as a failed migration', async () => {
    await expect(
      openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', dataDir, schema: 'unreachable' }),
    ).rejects.toMatchObject({ code: 'migration-failed' });
  });
});
