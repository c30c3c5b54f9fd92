import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('the database connection', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('lets other work run between the queries of a long job, as a server must keep answering during an import', async () => {
    let queriesBeforeTimer: number | undefined;
    let queriesRun = 0;
    setTimeout(() => {
      queriesBeforeTimer = queriesRun;
    }, 0);
    for (let i = 0; i < 50; i += 1) {
      await sql`select ${i}::int as n`.execute(database.db);
      queriesRun += 1;
    }
    expect(queriesBeforeTimer).toBeDefined();
    expect(queriesBeforeTimer).toBeLessThan(50);
  });
});
