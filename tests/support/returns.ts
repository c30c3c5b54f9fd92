import { buildContact, buildEpisode, buildPerson, programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/**
 * Factories for the return-to-custody analysis: liberations with what the prison service's extract
 * says of them. The database links each admission to the liberation it follows.
 */
export interface LiberationSpec {
  liberatedOn: string;
  signedUpOn?: string;
  /** A community contact that happened after liberation. */
  engaged?: boolean;
  gateMet?: boolean;
  gender?: string;
  dateOfBirth?: string;
  previousSentences?: number;
  sentenceMonths?: number;
}

/** A row of an extract: an admission (or none) for a person, as at the extract's date. */
export async function recordExtractRow(test: TestApp, props: { personId: string; admittedOn: string | null; asAt: string }) {
  return test.database.db
    .insertInto('custody_return')
    .values({ programme_id: await programmeId(test), person_id: props.personId, admitted_on: props.admittedOn, checked_on: props.asAt, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A sign-up liberated on the day given, for a new person unless `personId` is given. */
export async function buildLiberation(test: TestApp, spec: LiberationSpec & { personId?: string }) {
  const personId = spec.personId ?? (await buildPerson(test, { gender: spec.gender ?? 'male', date_of_birth: spec.dateOfBirth ?? '1985-06-15' })).id;
  const episode = await buildEpisode(test, {
    personId,
    signed_up_on: spec.signedUpOn ?? spec.liberatedOn,
    liberated_on: spec.liberatedOn,
    gate_status: spec.gateMet ? 'met' : null,
    previous_sentences: spec.previousSentences ?? 3,
    sentence_months: spec.sentenceMonths ?? 12,
  });
  if (spec.engaged) await buildContact(test, { episodeId: episode.id, contactOn: spec.liberatedOn });
  return { personId, episodeId: episode.id };
}

/**
 * Many liberations at once (for group sizes a test of rates needs): each followed by an extract
 * as at `asAt`, returned `returnAfterDays` days after liberation or not at all.
 */
export async function buildFollowedLiberations(test: TestApp, specs: (LiberationSpec & { returnAfterDays: number | null })[], asAt: string): Promise<void> {
  const programme = await programmeId(test);
  const db = test.database.db;
  const prison = await db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow();
  const people = await db
    .insertInto('person')
    .values(
      specs.map((spec, index) => ({
        programme_id: programme,
        first_name: `Followed${index}`,
        last_name: 'Person',
        date_of_birth: spec.dateOfBirth ?? '1985-06-15',
        gender: spec.gender ?? 'male',
      })),
    )
    .returning('id')
    .execute();
  const episodes = await db
    .insertInto('episode')
    .values(
      specs.map((spec, index) => ({
        programme_id: programme,
        person_id: people[index]?.id as string,
        prison_id: prison.id,
        sentence_months: spec.sentenceMonths ?? 12,
        previous_sentences: spec.previousSentences ?? 3,
        signed_up_on: spec.signedUpOn ?? spec.liberatedOn,
        liberated_on: spec.liberatedOn,
        gate_status: spec.gateMet ? ('met' as const) : null,
      })),
    )
    .returning(['id', 'person_id', 'liberated_on'])
    .execute();
  const engaged = episodes.filter((_, index) => specs[index]?.engaged);
  if (engaged.length > 0) {
    await db
      .insertInto('contact')
      .values(
        engaged.map((episode) => ({
          programme_id: programme,
          episode_id: episode.id,
          contact_on: episode.liberated_on as string,
          contact_type: 'face_to_face',
          outcome: 'happened' as const,
        })),
      )
      .execute();
  }
  const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  await db
    .insertInto('custody_return')
    .values(
      episodes.map((episode, index) => {
        const after = specs[index]?.returnAfterDays ?? null;
        return {
          programme_id: programme,
          person_id: episode.person_id,
          admitted_on: after === null ? null : addDays(episode.liberated_on as string, after),
          checked_on: asAt,
        };
      }),
    )
    .execute();
}
