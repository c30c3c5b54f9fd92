import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { isRealDate } from '../../http/date-fields.ts';
import { nameKey, normalisePrisonNumber, searchKey } from './names.ts';
import { REFERRED_ONLY } from '../auth/policy.ts';
import { visiblePeople } from './access.ts';

/** What lists of people show: enough to tell people apart, nothing sensitive. */
export interface PersonListItem {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  prisonNumbers: string[];
  aliases: string[];
}

/** Lowest word similarity (0–1) a name must reach to be found: low enough for a transposed letter. */
const NAME_MATCH_THRESHOLD = 0.45;
const LIMIT = 50;

function selectListItems(db: Kysely<Database>, programmeId: string) {
  return db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.date_of_birth as dateOfBirth',
      sql<string[]>`coalesce((select array_agg(pn.number order by pn.created_at) from prison_number pn where pn.person_id = p.id), '{}')`.as('prisonNumbers'),
      sql<string[]>`coalesce((select array_agg(pa.first_name || ' ' || pa.last_name order by pa.created_at) from person_name pa where pa.person_id = p.id and pa.is_alias), '{}')`.as('aliases'),
    ])
    .where('p.programme_id', '=', programmeId)
    .where('p.merged_into', 'is', null);
}

export type SearchKind = 'name' | 'prison-number' | 'date-of-birth';

/** The date a search is for ('YYYY-MM-DD', perhaps impossible, like 2025-02-31), when it is written as one: day/month/year or YYYY-MM-DD. */
function searchedDate(text: string): string | null {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (uk) return `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

/** A search written as a date that no calendar has (31/02/2025): the search box says so rather than search. */
export const isImpossibleDate = (q: string): boolean => {
  const date = searchedDate(q.trim());
  return date !== null && !isRealDate(date);
};

/** A search box takes a name, a prison number or a date of birth (day/month/year or YYYY-MM-DD); an impossible date is no search. */
export function interpretQuery(q: string): { kind: SearchKind; value: string } | null {
  const text = q.trim();
  if (!text) return null;
  const date = searchedDate(text);
  if (date) return isRealDate(date) ? { kind: 'date-of-birth', value: date } : null;
  if (/\d/.test(text)) return { kind: 'prison-number', value: normalisePrisonNumber(text) };
  const key = nameKey(text);
  return key ? { kind: 'name', value: key } : null;
}

/** People the actor may see who match the query, best match first. */
export async function searchVisiblePeople(ctx: SignedInCtx, query: { kind: SearchKind; value: string }): Promise<PersonListItem[]> {
  const base = selectListItems(ctx.db, ctx.actor.programmeId).where(visiblePeople(ctx.actor)).limit(LIMIT);
  if (query.kind === 'date-of-birth') {
    return base.where('p.date_of_birth', '=', query.value).orderBy('p.last_name').orderBy('p.first_name').execute();
  }
  if (query.kind === 'prison-number') {
    return base
      .where((eb) => eb.exists(eb.selectFrom('prison_number as n').select('n.id').whereRef('n.person_id', '=', 'p.id').where('n.number', '=', query.value)))
      .execute();
  }
  const ranked = await nearestNames(ctx, query.value);
  if (ranked.length === 0) return [];
  const details = await selectListItems(ctx.db, ctx.actor.programmeId).where('p.id', 'in', ranked).execute();
  const order = new Map(ranked.map((id, index) => [id, index]));
  return details.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * Ids of the visible people whose names are nearest the key, best first. Team caseworkers see many
 * people: walk the trigram index in order of distance until enough visible ones are found. Workers
 * who see only their allocated clients see few: compare against just those.
 */
async function nearestNames(ctx: SignedInCtx, key: string): Promise<string[]> {
  const distance = sql<number>`${key} <<-> n.search_key`;
  const me = ctx.actor.userId;
  const rows = REFERRED_ONLY.includes(ctx.actor.role)
    ? await ctx.db
        .selectFrom('assignment as a')
        .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
        .innerJoin('person_name as n', 'n.person_id', 'e.person_id')
        .innerJoin('person as p', 'p.id', 'n.person_id')
        .select(['p.id', distance.as('distance')])
        .where('a.programme_id', '=', ctx.actor.programmeId)
        .where('a.worker_id', '=', me)
        .where('a.to_on', 'is', null)
        .where('p.merged_into', 'is', null)
        .orderBy(distance)
        .limit(LIMIT * 2)
        .execute()
    : await ctx.db
        .selectFrom('person_name as n')
        .innerJoin('person as p', 'p.id', 'n.person_id')
        .select(['p.id', distance.as('distance')])
        .where('n.programme_id', '=', ctx.actor.programmeId)
        .where('p.merged_into', 'is', null)
        .where(visiblePeople(ctx.actor))
        .orderBy(distance)
        .limit(LIMIT * 2)
        .execute();
  const ids: string[] = [];
  for (const row of rows) {
    if (row.distance > 1 - NAME_MATCH_THRESHOLD) break;
    if (!ids.includes(row.id)) ids.push(row.id);
  }
  return ids.slice(0, LIMIT);
}

export interface DuplicateCandidates {
  visible: PersonListItem[];
  /** Likely matches held by teams the actor cannot see: counted, never shown. */
  hiddenCount: number;
}

/**
 * Records that may be the same human: the same prison number, or a similar name with the same date
 * of birth (or with no date of birth on one side).
 */
export async function findLikelyDuplicates(
  ctx: SignedInCtx,
  person: { firstName: string; lastName: string; dateOfBirth?: string | null; prisonNumber?: string | null; exceptId?: string },
): Promise<DuplicateCandidates> {
  const key = nameKey(`${person.firstName} ${person.lastName}`);
  const number = person.prisonNumber ? normalisePrisonNumber(person.prisonNumber) : null;
  const dob = person.dateOfBirth ?? null;
  const candidates = await ctx.db
    .selectFrom('person as p')
    .select((eb) => ['p.id', sql<boolean>`${visiblePeople(ctx.actor)(eb)}`.as('visible')])
    .where('p.programme_id', '=', ctx.actor.programmeId)
    .where('p.merged_into', 'is', null)
    .$if(person.exceptId !== undefined, (q) => q.where('p.id', '!=', person.exceptId as string))
    .where((eb) =>
      eb.or([
        ...(number ? [eb.exists(eb.selectFrom('prison_number as pn').select('pn.id').whereRef('pn.person_id', '=', 'p.id').where('pn.number', '=', number))] : []),
        eb.exists(
          eb
            .selectFrom('person_name as n')
            .select('n.id')
            .whereRef('n.person_id', '=', 'p.id')
            .where(sql<boolean>`similarity(n.search_key, ${key}) >= 0.5`)
            .where((inner) => (dob ? inner.or([inner('p.date_of_birth', '=', dob), inner('p.date_of_birth', 'is', null)]) : sql<boolean>`true`)),
        ),
      ]),
    )
    .limit(20)
    .execute();
  const visibleIds = candidates.filter((c) => c.visible).map((c) => c.id);
  const visible = visibleIds.length ? await selectListItems(ctx.db, ctx.actor.programmeId).where('p.id', 'in', visibleIds).execute() : [];
  return { visible, hiddenCount: candidates.length - visibleIds.length };
}

export interface NamedPerson {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  prisonNumbers: string[];
  /** Word similarity of the nearest of their names to the name looked for, 0 to 1. */
  similarity: number;
}

/**
 * For each name, the programme's people (not merged away) with a name near it, nearest first,
 * whoever's caseload they are in: for matching rows of an imported spreadsheet, which is done for the
 * whole programme. One query for many names, each walking the trigram index person search uses.
 * `exceptImportId` leaves out the people an import in progress has created (it matches those itself).
 */
export async function peopleNamed(
  db: Kysely<Database>,
  props: { programmeId: string; names: { firstName: string; lastName: string }[]; exceptImportId?: string; limit?: number },
): Promise<NamedPerson[][]> {
  if (props.names.length === 0) return [];
  const limit = props.limit ?? 5;
  const keys = props.names.map((name) => searchKey(name.firstName, name.lastName));
  const rows = await sql<Omit<NamedPerson, 'similarity'> & { ord: number; similarity: number }>`
    select k.ord::int as ord, p.id, p.first_name as "firstName", p.last_name as "lastName", p.date_of_birth as "dateOfBirth",
      max(near.similarity) as similarity,
      coalesce((select array_agg(pn.number) from prison_number pn where pn.person_id = p.id), '{}') as "prisonNumbers"
    from unnest(${keys}::text[]) with ordinality as k(key, ord)
    cross join lateral (
      select n.person_id, 1 - (k.key <<-> n.search_key) as similarity
      from person_name n
      where n.programme_id = ${props.programmeId}
      order by k.key <<-> n.search_key
      limit ${limit * 2}
    ) near
    join person p on p.programme_id = ${props.programmeId} and p.id = near.person_id
    where p.merged_into is null and near.similarity >= ${NAME_MATCH_THRESHOLD}
      and ${props.exceptImportId ? sql`p.import_id is distinct from ${props.exceptImportId}` : sql`true`}
    group by k.ord, p.programme_id, p.id
    order by k.ord, max(near.similarity) desc`.execute(db);
  const found: NamedPerson[][] = keys.map(() => []);
  for (const { ord, ...person } of rows.rows) {
    const list = found[ord - 1];
    if (list && list.length < limit) list.push({ ...person, similarity: Number(person.similarity) });
  }
  return found;
}

/**
 * The programme's people (not merged away) matching a search, whoever's caseload they are in: for
 * finding the subject of a subject-access request. A name is matched as person search matches it.
 */
export async function findInProgramme(db: Kysely<Database>, props: { programmeId: string; query: { kind: SearchKind; value: string } }): Promise<PersonListItem[]> {
  const { programmeId, query } = props;
  let ids: string[];
  if (query.kind === 'name') {
    ids = ((await peopleNamed(db, { programmeId, names: [{ firstName: query.value, lastName: '' }], limit: 20 }))[0] ?? []).map((p) => p.id);
  } else {
    const found = await db
      .selectFrom('person as p')
      .select('p.id')
      .where('p.programme_id', '=', programmeId)
      .where('p.merged_into', 'is', null)
      .$if(query.kind === 'date-of-birth', (q) => q.where('p.date_of_birth', '=', query.value))
      .$if(query.kind === 'prison-number', (q) => q.where((eb) => eb.exists(eb.selectFrom('prison_number as n').select('n.id').whereRef('n.person_id', '=', 'p.id').where('n.number', '=', query.value))))
      .limit(LIMIT)
      .execute();
    ids = found.map((p) => p.id);
  }
  if (ids.length === 0) return [];
  const rows = await selectListItems(db, programmeId).where('p.id', 'in', ids).execute();
  const order = new Map(ids.map((id, index) => [id, index]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}
