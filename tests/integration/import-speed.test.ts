import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmImport, uploadAndCheck } from '../support/imports.ts';
import { buildTestApp, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * An import writes its rows in chunks of a few thousand (src/modules/imports/pending-rows.ts), one
 * chunk in the database while the next is read: a file of more rows than a chunk must still come in
 * whole, with the database's roll-ups counting every sign-up, and a person's sign-ups in different
 * chunks ending one another.
 */
const HEADER = 'Prisoner No,Surname,Forename,DOB,Prison,Sentence (months),Date signed up,Date of liberation';
const PEOPLE = 1600;
const prisonNumber = (i: number) => `C${String(i).padStart(6, '0')}`;
const birthDay = (i: number) => new Date(Date.UTC(1960, 0, 1 + i)).toISOString().slice(0, 10).split('-').reverse().join('/');
const rows = Array.from({ length: PEOPLE }, (_, i) => `${prisonNumber(i)},Chunk${i},Person${i},${birthDay(i)},Barlinnie,${6 + (i % 20)},01/03/2011,01/09/2011`);
// The first person again at the end of the file, in the last chunk: signed up again in 2012.
const file = Buffer.from([HEADER, ...rows, `${prisonNumber(0)},Chunk0,Person0,${birthDay(0)},Barlinnie,8,02/04/2012,`].join('\r\n'));

let test: TestApp;
let leader: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

describe('an import of more rows than one chunk', () => {
  it('writes every person, name, number and sign-up; the roll-ups count them all; a later chunk’s sign-up ends the first', async () => {
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'chunks.csv', bytes: file, kind: 'sign_ups' });
    expect(checkPage).toContain('Ready to import');
    const imported = await confirmImport(leader, batchId);
    expect(imported).toContain('1,601 sign-ups');

    const db = test.database.db;
    const count = async (table: 'person' | 'person_name' | 'prison_number' | 'episode') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('import_id', '=', batchId).executeTakeFirstOrThrow()).n);
    expect({ person: await count('person'), names: await count('person_name'), numbers: await count('prison_number'), signUps: await count('episode') }).toEqual({
      person: PEOPLE,
      names: PEOPLE,
      numbers: PEOPLE,
      signUps: PEOPLE + 1,
    });

    const rollup = await sql<{ signed_up_on: string; sign_ups: number }>`
      select signed_up_on, sum(sign_ups)::int as sign_ups from engagement_rollup
      where dimension = 'total' and signed_up_on in ('2011-03-01', '2012-04-02') group by signed_up_on order by signed_up_on`.execute(db);
    expect(rollup.rows).toEqual([
      { signed_up_on: '2011-03-01', sign_ups: PEOPLE },
      { signed_up_on: '2012-04-02', sign_ups: 1 },
    ]);

    const first = await db
      .selectFrom('episode as e')
      .innerJoin('prison_number as n', 'n.person_id', 'e.person_id')
      .select(['e.signed_up_on as signedUpOn', 'e.closed_on as closedOn', 'e.previous_signed_up_on as previous'])
      .where('n.number', '=', prisonNumber(0))
      .orderBy('e.signed_up_on')
      .execute();
    expect(first).toEqual([
      { signedUpOn: '2011-03-01', closedOn: '2012-04-02', previous: null },
      { signedUpOn: '2012-04-02', closedOn: null, previous: '2011-03-01' },
    ]);
  }, 180_000);
});
