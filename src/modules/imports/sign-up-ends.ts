import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The sign-ups of some people, each with the date the person's next sign-up began, the import that
 * brought that one, and whether an import closed it.
 */
const withNext = (people: RawBuilder<unknown>) => sql`
  select id, import_id, closed_by_import_id is not null as closed_by_import,
    lead(signed_up_on) over w as next_on, lead(import_id) over w as next_import
  from episode
  -- Not "programme_id = … and": the people are the programme's already (a sign-up's person is of its
  -- programme), and with that condition PostgreSQL, its statistics taken before the import's rows
  -- went in, scanned the programme's whole key index once per person (20,000 sign-ups: minutes).
  where person_id in (${people})
  window w as (partition by person_id order by signed_up_on)`;

type WithNext = { id: string; import_id: string | null; closed_by_import: boolean; next_on: string | null; next_import: string | null };

const readNext = async (db: Kysely<Database>, people: RawBuilder<unknown>) => (await sql<WithNext>`${withNext(people)}`.execute(db)).rows;

/**
 * The `ids` of withNext's rows `wanted` and, for the row being updated (`e`), its `nextOn`. Joined as
 * a subquery (or from arrays), PostgreSQL planned from statistics taken before the import's rows went
 * in (an empty table when a programme moves in) and re-read the other side once per open sign-up:
 * minutes for 20,000 sign-ups. Updated by key, with no join, nothing can be re-read.
 */
function nextSignUps(rows: readonly WithNext[], wanted: (row: WithNext) => boolean) {
  const chosen = rows.filter(wanted);
  const next = JSON.stringify(Object.fromEntries(chosen.map((row) => [row.id, row.next_on])));
  return { count: chosen.length, ids: sql`${chosen.map((row) => row.id)}::uuid[]`, nextOn: sql<string | null>`(${next}::jsonb ->> e.id::text)::date` };
}

/**
 * Each sign-up ends when the person's next one begins: they came back to prison. After a file of
 * sign-ups, every open sign-up of its people that has a later one is closed on the day the later one
 * began, as returned to custody (when the programme's closure reasons have it), where either is this
 * import's; the import is kept on what it closed. So files come in any order: a later file's sign-up
 * closes an earlier file's open one, and an earlier sign-up arriving after a later one slots in,
 * closed. Then every end an import made is settled (see settleImportedEnds). Returns how many
 * sign-ups it closed or moved the end of.
 */
export async function closeOnNextSignUps(db: Kysely<Database>, programmeId: string, importId: string): Promise<number> {
  const people = sql`select person_id from episode where programme_id = ${programmeId} and import_id = ${importId}`;
  // Read once: closing sign-ups changes none of what withNext reads but whether an import closed them,
  // and those it closes here end on the next one's day already, so the settling leaves them be.
  const rows = await readNext(db, people);
  const later = nextSignUps(rows, (row) => row.next_on !== null && (row.import_id === importId || row.next_import === importId));
  const closed = later.count
    ? await sql`
    update episode e set closed_on = ${later.nextOn}, closed_by_import_id = ${importId}, version = e.version + 1,
      closure_reason = (select c.code from choice c where c.programme_id = e.programme_id and c.list = 'closure_reason' and c.code = 'returned_to_custody'),
      closure_note = 'Signed up again: closed by an import'
    where e.programme_id = ${programmeId} and e.id = any(${later.ids}) and e.closed_on is null`.execute(db)
    : { numAffectedRows: 0n };
  return Number(closed.numAffectedRows ?? 0) + (await settleImportedEnds(db, programmeId, people, rows));
}

/**
 * An end an import made is the day the next sign-up began, whichever file brought it: it moves when a
 * sign-up arrives between the two (a person in three files, the middle one imported last), and when
 * an undone import takes the next one away it moves to the one after, or the sign-up is open again.
 * `rows`: withNext's rows of the people, when just read.
 */
export async function settleImportedEnds(db: Kysely<Database>, programmeId: string, people: RawBuilder<unknown>, rows?: readonly WithNext[]): Promise<number> {
  const { count, ids, nextOn } = nextSignUps(rows ?? (await readNext(db, people)), (row) => row.closed_by_import);
  if (count === 0) return 0;
  const result = await sql`
    update episode e set version = e.version + 1,
      closed_on = ${nextOn},
      closure_reason = case when ${nextOn} is null then null else e.closure_reason end,
      closure_note = case when ${nextOn} is null then null else e.closure_note end,
      closed_by_import_id = case when ${nextOn} is null then null else e.closed_by_import_id end
    where e.programme_id = ${programmeId} and e.id = any(${ids}) and e.closed_by_import_id is not null
      and e.closed_on is distinct from ${nextOn}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The people with a sign-up an import closed: after an undo, their ends are settled again. */
export const peopleWithImportedEnds = (programmeId: string) =>
  sql`select person_id from episode where programme_id = ${programmeId} and closed_by_import_id is not null`;
