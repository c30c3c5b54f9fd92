import { setTimeout } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerBeside } from '../../src/db/connect.ts';
import { testServer } from '../support/postgres-admin.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * An import's pass reads beside the import's transaction (src/modules/imports/commit.ts). Those reads
 * must never wait for a connection that only a transaction waiting for them can give back.
 */
const server = testServer();

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe.skipIf(server)('reading beside a transaction on PGlite', () => {
  it('is not offered: the one connection is the transaction’s, so the pass reads inside it', () => {
    expect(readerBeside(database.db)).toBeNull();
  });
});

describe.skipIf(!server)('reading beside a transaction on PostgreSQL', () => {
  it('answers while every connection of the main pool is held by a transaction waiting for it', async () => {
    const reader = readerBeside(database.db);
    expect(reader).not.toBeNull();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    // Ten imports at once: the main pool's ten connections, each in a transaction that waits.
    const transactions = Array.from({ length: 10 }, () =>
      database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        started += 1;
        await released;
      }),
    );
    try {
      await expect.poll(() => started, { timeout: 10_000 }).toBe(10);
      const read = sql<{ answer: number }>`select 42 as answer`.execute(reader ?? database.db).then((result) => result.rows);
      const waited = setTimeout(3000).then(() => 'still waiting for a connection after 3 s');
      expect(await Promise.race([read, waited])).toEqual([{ answer: 42 }]);
    } finally {
      release();
      await Promise.all(transactions);
    }
  });
});
