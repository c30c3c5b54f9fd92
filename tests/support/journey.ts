import type { Insertable } from 'kysely';
import type { ContactTable, EpisodeTable, PersonTable } from '../../src/db/schema.ts';
import { normalisePrisonNumber, searchKey } from '../../src/modules/people/names.ts';
import type { TestApp } from './test-app.ts';

/**
 * Factories for the client journey: fresh records straight into the database, for tests that need
 * data in place rather than to test how it is entered.
 */
let counter = 0;
const next = () => (counter += 1);

async function idOf(test: TestApp, table: 'prison' | 'team', name: string): Promise<string> {
  return (await test.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function programmeId(test: TestApp): Promise<string> {
  return (await test.database.db.selectFrom('programme').select('id').where('slug', '=', 'roop').executeTakeFirstOrThrow()).id;
}

export async function userIdByEmail(test: TestApp, email: string): Promise<string> {
  return (await test.database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

export async function buildPerson(
  test: TestApp,
  props: Partial<Insertable<PersonTable>> & { prisonNumber?: string; teamName?: string; aliases?: [string, string][] } = {},
) {
  const n = next();
  const { prisonNumber, teamName, aliases = [], ...columns } = props;
  const person = await test.database.db
    .insertInto('person')
    .values({
      programme_id: await programmeId(test),
      first_name: `First${n}`,
      last_name: `Last${n}`,
      date_of_birth: '1985-06-15',
      gender: 'male',
      local_authority_id: null,
      phone: null,
      email: null,
      address: null,
      risk_note: null,
      team_id: await idOf(test, 'team', teamName ?? 'Glasgow team'),
      merged_into: null,
      created_by: null,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const names: [string, string, boolean][] = [[person.first_name, person.last_name, false], ...aliases.map(([f, l]) => [f, l, true] as [string, string, boolean])];
  await test.database.db
    .insertInto('person_name')
    .values(names.map(([first, last, isAlias]) => ({ programme_id: person.programme_id, person_id: person.id, first_name: first, last_name: last, is_alias: isAlias, search_key: searchKey(first, last) })))
    .execute();
  if (prisonNumber) {
    await test.database.db.insertInto('prison_number').values({ programme_id: person.programme_id, person_id: person.id, number: normalisePrisonNumber(prisonNumber) }).execute();
  }
  return person;
}

/** The parts a worker can play in a sign-up (assignment_part), by code. */
type Part = 'prison_life_coach' | 'community_life_coach' | 'employment_consultant' | 'family_support_coordinator';

export async function buildEpisode(
  test: TestApp,
  props: Partial<Insertable<EpisodeTable>> & { personId: string; prisonName?: string; teamName?: string; workers?: Partial<Record<Part, string>> },
) {
  const { personId, prisonName, teamName, workers = {}, ...columns } = props;
  const episode = await test.database.db
    .insertInto('episode')
    .values({
      programme_id: await programmeId(test),
      person_id: personId,
      prison_id: await idOf(test, 'prison', prisonName ?? 'Barlinnie'),
      prison_number: null,
      sentence_months: 12,
      sentenced_on: null,
      expected_liberation_on: null,
      previous_sentences: 3,
      signed_up_on: '2009-03-01',
      eligibility_override_reason: null,
      eligibility_override_by: null,
      team_id: await idOf(test, 'team', teamName ?? 'Glasgow team'),
      liberated_on: null,
      liberation_type: null,
      gate_status: null,
      gate_notes: null,
      non_engagement_reason: null,
      non_engagement_note: null,
      closed_on: null,
      closure_reason: null,
      closure_note: null,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const [part, workerId] of Object.entries(workers)) await assignWorker(test, { episodeId: episode.id, part: part as Part, workerId });
  return episode;
}

/** Makes `workerId` the sign-up's current worker in `part`, from its sign-up date. */
export async function assignWorker(test: TestApp, props: { episodeId: string; part: Part; workerId: string }) {
  const episode = await test.database.db.selectFrom('episode').select(['programme_id', 'signed_up_on']).where('id', '=', props.episodeId).executeTakeFirstOrThrow();
  await test.database.db
    .insertInto('assignment')
    .values({ programme_id: episode.programme_id, episode_id: props.episodeId, worker_id: props.workerId, part: props.part, from_on: episode.signed_up_on, reason: 'Test set-up' })
    .execute();
}

export async function buildContact(test: TestApp, props: Partial<Insertable<ContactTable>> & { episodeId: string; contactOn: string }) {
  const { episodeId, contactOn, ...columns } = props;
  return test.database.db
    .insertInto('contact')
    .values({
      programme_id: await programmeId(test),
      episode_id: episodeId,
      contact_on: contactOn,
      contact_time: null,
      contact_type: 'face_to_face',
      outcome: 'happened',
      duration_minutes: 30,
      worker_id: null,
      place: null,
      notes: null,
      created_by: null,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildVisit(test: TestApp, props: { episodeId: string; visitedOn: string; workerId?: string }) {
  return test.database.db
    .insertInto('pre_release_visit')
    .values({ programme_id: await programmeId(test), episode_id: props.episodeId, visited_on: props.visitedOn, worker_id: props.workerId ?? null, place: null, notes: null, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
