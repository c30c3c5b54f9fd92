import { sql } from 'kysely';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { AppError, ConflictError, throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from './access.ts';
import { normalisePrisonNumber, searchKey } from './names.ts';
import { findLikelyDuplicates, interpretQuery, searchVisiblePeople, type DuplicateCandidates, type PersonListItem } from './queries.ts';
import type { PersonInput } from './schemas.ts';

export interface PersonRecord {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  gender: string | null;
  genderLabel: string | null;
  localAuthorityId: string | null;
  localAuthorityName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  riskToStaff: boolean;
  riskNote: string | null;
  teamId: string | null;
  prisonNumbers: string[];
  aliases: { firstName: string; lastName: string }[];
  version: number;
}

/** Likely duplicates were found: the caller shows them and may confirm that this is someone new. */
export class PossibleDuplicateError extends AppError {
  constructor(readonly candidates: DuplicateCandidates) {
    super(409, 'possible-duplicate', 'This person may already have a record', 'Check the possible matches; send notDuplicate: true if this is a different person.');
  }
}

/** The fields a person record's edit can change, with the names people see, for conflict messages. */
export const EDITABLE_FIELDS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  localAuthorityId: 'Local authority',
  phone: 'Phone number',
  email: 'Email address',
  address: 'Address',
  riskToStaff: 'Risk to staff',
  riskNote: 'Risk note',
};

/** What an edit may change: a field present is saved (null clears it), an absent one is left alone. */
export type PersonChanges = Partial<{
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  gender: string | null;
  localAuthorityId: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  riskToStaff: boolean;
  riskNote: string | null;
}>;

/** The people the actor may see who match a search, audited with their ids (never the search text): who saw whom in a list. */
export async function searchPeople(props: { ctx: SignedInCtx; q: string }): Promise<PersonListItem[]> {
  const query = interpretQuery(props.q);
  if (!query) return [];
  const found = await searchVisiblePeople(props.ctx, query);
  await audit(props.ctx, { action: 'list', recordType: 'person', detail: { searchBy: query.kind, count: found.length, personIds: found.map((person) => person.id) } });
  return found;
}

export async function loadPerson(ctx: SignedInCtx, personId: string): Promise<PersonRecord> {
  const row = await ctx.db
    .selectFrom('person as p')
    .leftJoin('local_authority as la', 'la.id', 'p.local_authority_id')
    .leftJoin('choice as g', (join) => join.onRef('g.programme_id', '=', 'p.programme_id').on('g.list', '=', 'gender').onRef('g.code', '=', 'p.gender'))
    .select([
      'p.id',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.date_of_birth as dateOfBirth',
      'p.gender',
      'g.label as genderLabel',
      'p.local_authority_id as localAuthorityId',
      'la.name as localAuthorityName',
      'p.phone',
      'p.email',
      'p.address',
      'p.risk_to_staff as riskToStaff',
      'p.risk_note as riskNote',
      'p.team_id as teamId',
      'p.version',
      sql<string[]>`coalesce((select array_agg(pn.number order by pn.created_at) from prison_number pn where pn.person_id = p.id), '{}')`.as('prisonNumbers'),
      sql<{ firstName: string; lastName: string }[]>`coalesce((select json_agg(json_build_object('firstName', pa.first_name, 'lastName', pa.last_name) order by pa.created_at) from person_name pa where pa.person_id = p.id and pa.is_alias), '[]'::json)`.as('aliases'),
    ])
    .where('p.id', '=', personId)
    .where('p.programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
  return row;
}

/** A person's record, for someone allowed to see it; the read is audited. */
export async function getPerson(props: { ctx: SignedInCtx; personId: string }): Promise<PersonRecord> {
  await authorizePerson(props.ctx, props.personId, 'people.read');
  const person = await loadPerson(props.ctx, props.personId);
  await audit(props.ctx, { action: 'read', recordType: 'person', recordId: person.id });
  return person;
}

export async function createPerson(props: { ctx: SignedInCtx; input: PersonInput }): Promise<PersonRecord> {
  const { ctx, input } = props;
  await authorize(ctx, 'people.create');
  if (!input.notDuplicate) {
    const candidates = await findLikelyDuplicates(ctx, input);
    if (candidates.visible.length + candidates.hiddenCount > 0) throw new PossibleDuplicateError(candidates);
  }
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, input);
    const person = await tx.db
      .insertInto('person')
      .values({
        programme_id: ctx.actor.programmeId,
        first_name: input.firstName,
        last_name: input.lastName,
        date_of_birth: input.dateOfBirth ?? null,
        gender: input.gender ?? null,
        local_authority_id: input.localAuthorityId ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        risk_to_staff: input.riskToStaff,
        risk_note: input.riskNote ?? null,
        team_id: ctx.actor.teamId,
        merged_into: null,
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'programme_id'])
      .executeTakeFirstOrThrow();
    await insertName(tx, person.id, input.firstName, input.lastName, false);
    if (input.prisonNumber) await addPrisonNumberTo(tx, person.id, input.prisonNumber);
    await audit(tx, { action: 'create', recordType: 'person', recordId: person.id });
    return loadPerson(tx, person.id);
  });
}

/**
 * Saves changes made from `version`. If someone saved in between, nothing is saved and the
 * ConflictError says which fields they changed, and to what.
 */
export async function updatePerson(props: {
  ctx: SignedInCtx;
  personId: string;
  version: number;
  original?: Record<string, unknown>;
  changes: PersonChanges;
}): Promise<PersonRecord> {
  const { ctx, personId, changes } = props;
  await authorizePerson(ctx, personId, 'people.write');
  return inTransaction(ctx, async (tx) => {
    await checkReferences(tx, changes);
    // A field present in `changes` is saved (empty means cleared); an absent field is left alone.
    const set = Object.fromEntries(
      Object.entries(changes)
        .filter(([field]) => field in COLUMNS)
        .map(([field, value]) => [COLUMNS[field], value ?? null]),
    );
    const result = await tx.db
      .updateTable('person')
      .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', personId)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const current = await loadPerson(tx, personId);
      throw new ConflictError(describeTheirChanges(props.original, current));
    }
    if (changes.firstName !== undefined || changes.lastName !== undefined) {
      const current = await loadPerson(tx, personId);
      await tx.db
        .updateTable('person_name')
        .set({ first_name: current.firstName, last_name: current.lastName, search_key: searchKey(current.firstName, current.lastName) })
        .where('person_id', '=', personId)
        .where('is_alias', '=', false)
        .execute();
    }
    const fields = Object.keys(changes).filter((key) => key in EDITABLE_FIELDS);
    await audit(tx, { action: 'update', recordType: 'person', recordId: personId, detail: { fields } });
    return loadPerson(tx, personId);
  });
}

const COLUMNS: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  dateOfBirth: 'date_of_birth',
  gender: 'gender',
  localAuthorityId: 'local_authority_id',
  phone: 'phone',
  email: 'email',
  address: 'address',
  riskToStaff: 'risk_to_staff',
  riskNote: 'risk_note',
};

function describeTheirChanges(original: Record<string, unknown> | undefined, current: PersonRecord): string {
  const intro = 'Someone else changed this record while you were editing it, so your changes were not saved.';
  if (!original) return intro;
  const changed = Object.entries(EDITABLE_FIELDS)
    .filter(([field]) => field in original && String(original[field] ?? '') !== String(current[field as keyof PersonRecord] ?? ''))
    .map(([field, label]) => `${label} is now “${String(current[field as keyof PersonRecord] ?? '') || 'blank'}”`);
  return changed.length ? `${intro} They changed: ${changed.join('; ')}.` : intro;
}

export async function addAlias(props: { ctx: SignedInCtx; personId: string; firstName: string; lastName: string }): Promise<void> {
  await authorizePerson(props.ctx, props.personId, 'people.write');
  await inTransaction(props.ctx, async (tx) => {
    await insertName(tx, props.personId, props.firstName, props.lastName, true);
    await audit(tx, { action: 'update', recordType: 'person', recordId: props.personId, detail: { fields: ['aliases'] } });
  });
}

async function insertName(ctx: SignedInCtx, personId: string, firstName: string, lastName: string, isAlias: boolean) {
  await ctx.db
    .insertInto('person_name')
    .values({ programme_id: ctx.actor.programmeId, person_id: personId, first_name: firstName, last_name: lastName, is_alias: isAlias, search_key: searchKey(firstName, lastName) })
    .execute();
}

/** A prison number belongs to one person; a number already on another record is refused. */
export async function addPrisonNumberTo(ctx: SignedInCtx, personId: string, rawNumber: string) {
  const number = normalisePrisonNumber(rawNumber);
  if (!number) return;
  const holder = await prisonNumberHolder(ctx, number);
  if (holder?.person_id === personId) return;
  if (holder) throw new ValidationError(prisonNumberTaken);
  await ctx.db.insertInto('prison_number').values({ programme_id: ctx.actor.programmeId, person_id: personId, number }).execute();
}

const prisonNumberTaken = [{ field: 'prisonNumber', message: 'This prison number is on another person’s record: search for it, or check the number' }];
const prisonNumberHolder = (ctx: SignedInCtx, number: string) =>
  ctx.db.selectFrom('prison_number').select('person_id').where('programme_id', '=', ctx.actor.programmeId).where('number', '=', number).executeTakeFirst();

/**
 * What is wrong with a person's details that only the database knows (a gender or local authority
 * not in the lists, a prison number on someone else's record), on the fields given: a form shows
 * these with its own. `personId` is the person the number is for (none for a new record).
 */
export async function personProblems(
  ctx: SignedInCtx,
  input: { gender?: string | null; localAuthorityId?: string | null; prisonNumber?: string },
  personId?: string,
): Promise<FieldProblem[]> {
  const problems = await referenceProblems(ctx, input);
  const number = input.prisonNumber ? normalisePrisonNumber(input.prisonNumber) : '';
  const holder = number ? await prisonNumberHolder(ctx, number) : undefined;
  if (holder && holder.person_id !== personId) problems.push(...prisonNumberTaken);
  return problems;
}

async function checkReferences(ctx: SignedInCtx, input: { gender?: string | null; localAuthorityId?: string | null }) {
  throwProblems(await referenceProblems(ctx, input));
}

async function referenceProblems(ctx: SignedInCtx, input: { gender?: string | null; localAuthorityId?: string | null }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.gender) {
    const gender = await ctx.db
      .selectFrom('choice')
      .select('id')
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('list', '=', 'gender')
      .where('code', '=', input.gender)
      .executeTakeFirst();
    if (!gender) problems.push({ field: 'gender', message: 'Select a gender from the list' });
  }
  if (input.localAuthorityId) {
    const la = await ctx.db
      .selectFrom('local_authority')
      .select('id')
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', input.localAuthorityId)
      .executeTakeFirst();
    if (!la) problems.push({ field: 'localAuthorityId', message: 'Select a local authority' });
  }
  return problems;
}
