import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite, type DatabaseHandle } from './connect.ts';

describe('the embedded database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await connectPglite('memory://');
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lets other work run between the queries of a long job, as a server must keep answering during an import', async () => {
    let queriesBeforeTimer: number | undefined;
    let queriesRun = 0;
    setTimeout(() => {
      queriesBeforeTimer = queriesRun;
    }, 0);
    for (let i = 0; i < 50; i += 1) {
      await sql`select ${i}::int as n`.execute(handle.db);
      queriesRun += 1;
    }
    expect(queriesBeforeTimer).toBeDefined();
    expect(queriesBeforeTimer).toBeLessThan(50);
  });
});
