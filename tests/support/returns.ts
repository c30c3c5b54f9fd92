import { buildContact, buildEpisode, buildPerson, buildVisit, programmeId } from './journey.ts';
import { buildOutcome } from './outcomes.ts';
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

/** A row of an extract taken on `asAt`: the person followed, with an admission or none (the link to a liberation is the database's). */
export async function buildExtractRow(test: TestApp, props: { personId: string; asAt: string; admittedOn?: string; inError?: { by: string; reason: string } }) {
  return test.database.db
    .insertInto('custody_return')
    .values({
      programme_id: await programmeId(test),
      person_id: props.personId,
      admitted_on: props.admittedOn ?? null,
      checked_on: props.asAt,
      ...(props.inError ? { entered_in_error_at: new Date(), entered_in_error_by: props.inError.by, entered_in_error_reason: props.inError.reason } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A sign-up liberated on the day given, for a new person unless `personId` is given, with the
 * pre-release visits, gate meeting, community contact (`engaged`: on the day of liberation; or on
 * `contactOn`) and hard outcome (benefits, which needs no verification) asked for.
 */
export async function buildLiberation(
  test: TestApp,
  spec: LiberationSpec & { personId?: string; visits?: number; contactOn?: string; hardOutcomeOn?: string },
) {
  const personId = spec.personId ?? (await buildPerson(test, { gender: spec.gender ?? 'male', date_of_birth: spec.dateOfBirth ?? '1985-06-15' })).id;
  const episode = await buildEpisode(test, {
    personId,
    signed_up_on: spec.signedUpOn ?? spec.liberatedOn,
    liberated_on: spec.liberatedOn,
    gate_status: spec.gateMet ? 'met' : null,
    previous_sentences: spec.previousSentences ?? 3,
    sentence_months: spec.sentenceMonths ?? 12,
  });
  for (let visit = 0; visit < (spec.visits ?? 0); visit += 1) await buildVisit(test, { episodeId: episode.id, visitedOn: episode.signed_up_on });
  const contactOn = spec.contactOn ?? (spec.engaged ? spec.liberatedOn : undefined);
  if (contactOn) await buildContact(test, { episodeId: episode.id, contactOn });
  if (spec.hardOutcomeOn) await buildOutcome(test, { episodeId: episode.id, achievedOn: spec.hardOutcomeOn, outcome_type: 'benefits' });
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

/**
 * The evaluation's comparison rebuilt from raw records: 520 liberations across 2005 followed to an
 * extract as at 31 January 2007; engaged 100 of 250 back within a year, not engaged 119 of 270 (some
 * of the rest back after more than a year); half met at the gate; ages, genders, previous sentences
 * and sentence lengths spread so the adjusted comparisons can be fitted.
 */
export async function buildEvaluationCohort(test: TestApp): Promise<void> {
  const day = (index: number) => `2005-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`;
  const spec = (engaged: boolean, returned: boolean, index: number) => ({
    liberatedOn: day(index),
    engaged,
    gateMet: index % 2 === 0,
    returnAfterDays: returned ? 20 + ((index * 37) % 340) : index % 3 === 0 ? 400 : null,
    gender: index % 4 === 0 ? 'female' : 'male',
    dateOfBirth: `${1960 + (index % 35)}-03-15`,
    previousSentences: index % 9,
    sentenceMonths: 3 + (index % 20),
  });
  await buildFollowedLiberations(
    test,
    [
      ...Array.from({ length: 250 }, (_, index) => spec(true, index < 100, index)),
      ...Array.from({ length: 270 }, (_, index) => spec(false, index < 119, index + 1000)),
    ],
    '2007-01-31',
  );
}
