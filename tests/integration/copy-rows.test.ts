import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyLine, copyQuery } from '../../src/db/copy.ts';
import type { Database } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** Bulk writes by COPY (imports' rows) keep every value as given, on PGlite and PostgreSQL alike. */
const copyRows = (db: Kysely<Database>, table: string, columns: string[], rows: Record<string, unknown>[]) =>
  db.executeQuery(
    copyQuery(
      db,
      table,
      columns,
      rows.map((row) => copyLine(columns, row)),
    ),
  );

describe('copyQuery and copyLine', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const awkward = [
    {
      name: 'Tab\there, new\nline, return\r, back\\slash',
      tags: ['a "quoted" word', 'back\\slash', 'comma, here', null],
      flag: true,
      count: 3,
      day: '2016-02-29',
    },
    { name: 'Lone surrogate \uD800 and emoji 😀', tags: [], flag: false, count: -1, day: null },
    { name: null, tags: null, flag: null, count: null, day: '1999-12-31' },
    { name: '\\N', tags: ['NULL'], flag: true, count: 0, day: '2024-01-01' },
  ];

  it('writes text with tabs, new lines, backslashes and quotes, arrays, nulls, booleans, numbers and dates as they were', async () => {
    const rows = await database.db.transaction().execute(async (trx) => {
      await sql`create temporary table copied (name text, tags text[], flag boolean, count int, day date, made timestamptz default now()) on commit drop`.execute(
        trx,
      );
      await copyRows(trx, 'copied', ['name', 'tags', 'flag', 'count', 'day'], awkward);
      return (
        await sql<
          Record<string, unknown>
        >`select name, tags, flag, count, day::text as day, made is not null as made from copied order by count nulls last`.execute(trx)
      ).rows;
    });
    expect(rows).toEqual([
      { ...awkward[1], name: 'Lone surrogate \uFFFD and emoji 😀', made: true },
      { ...awkward[3], made: true },
      { ...awkward[0], made: true },
      { ...awkward[2], made: true },
    ]);
  });

  it('writes nothing for no rows', async () => {
    const count = await database.db.transaction().execute(async (trx) => {
      await sql`create temporary table empty (name text) on commit drop`.execute(trx);
      await copyRows(trx, 'empty', ['name'], []);
      return (await sql<{ n: number }>`select count(*)::int as n from empty`.execute(trx)).rows[0]?.n;
    });
    expect(count).toBe(0);
  });

  it('fails as an insert would when a row breaks a rule of the table', async () => {
    const attempt = database.db.transaction().execute(async (trx) => {
      await sql`create temporary table strict (n int not null) on commit drop`.execute(trx);
      await copyRows(trx, 'strict', ['n'], [{ n: 1 }, { n: null }]);
    });
    await expect(attempt).rejects.toThrow(/null value in column "n"/);
  });
});
