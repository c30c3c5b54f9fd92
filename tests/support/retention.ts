import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { buildContact, buildEpisode, buildPerson, buildVisit, programmeId } from './journey.ts';
import { buildActivity, buildCheck, buildJobStart, buildTrainingPlace } from './employment.ts';
import { buildReading, distanceAreas } from './distance.ts';
import { buildOutcome, smallPdf } from './outcomes.ts';
import { buildAppointment } from './appointments.ts';
import { buildReturn } from './custody-returns.ts';
import { demoUser, type TestApp } from './test-app.ts';

/**
 * Retention factories: a person whose one sign-up has work in every table a person's record can
 * reach (and a record merged into theirs), so a deletion can be checked table by table.
 */
export async function buildFullRecord(
  test: TestApp,
  props: { name: [string, string]; signedUpOn: string; closedOn: string | null; contactOn: string; uploadedAt?: Date },
) {
  const db = test.database.db;
  const programme = await programmeId(test);
  const coach = await demoUser(test, 'community_life_coach');
  const person = await buildPerson(test, {
    first_name: props.name[0],
    last_name: props.name[1],
    date_of_birth: '1984-02-29',
    prisonNumber: `R${Math.floor(100000 + Math.random() * 899999)}`,
    aliases: [['Alias', props.name[1]]],
    phone: '07700 900123',
    address: '1 Retention Row',
  });
  const merged = await buildPerson(test, { first_name: props.name[0], last_name: `${props.name[1]}-Old` });
  await db.updateTable('person').set({ merged_into: person.id }).where('id', '=', merged.id).execute();
  await db
    .insertInto('person_merge')
    .values({ programme_id: programme, kept_person_id: person.id, merged_person_id: merged.id, moved: JSON.stringify({}) as never, merged_by: coach.id })
    .execute();
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: props.signedUpOn,
    liberated_on: props.signedUpOn,
    gate_status: 'met',
    gate_notes: 'Met at the gate',
    workers: { community_life_coach: coach.id },
  });
  const contact = await buildContact(test, { episodeId: episode.id, contactOn: props.contactOn, notes: 'Private contact note', worker_id: coach.id });
  await buildVisit(test, { episodeId: episode.id, visitedOn: props.signedUpOn });
  await db
    .insertInto('day_one_appointment')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      appointment_on: props.signedUpOn,
      appointment_time: null,
      agency: 'Jobcentre',
      purpose: 'Claim',
      created_by: null,
    })
    .execute();
  await buildAppointment(test, { episodeId: episode.id, plannedOn: props.contactOn, workerId: coach.id, status: 'kept', contact_id: contact.id });
  const need = await db
    .insertInto('need')
    .values({ programme_id: programme, episode_id: episode.id, domain: 'accommodation', notes: 'Sofa surfing' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('need_status_change')
    .values({ programme_id: programme, need_id: need.id, status: 'in_progress', changed_by: coach.id, note: 'Housing officer called' })
    .execute();
  const assessment = await db
    .insertInto('assessment')
    .values({ programme_id: programme, episode_id: episode.id, assessed_on: props.signedUpOn, assessed_by: coach.id, months_out_of_work: 14 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('assessment_need')
    .values({ programme_id: programme, assessment_id: assessment.id, episode_id: episode.id, domain: 'accommodation', status: 'not_started' })
    .execute();
  await db
    .insertInto('plan_action')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      domain: 'accommodation',
      goal: 'A home',
      action: 'See the council',
      owner_text: null,
      due_on: null,
      created_by: coach.id,
    })
    .execute();
  const outcome = await buildOutcome(test, {
    episodeId: episode.id,
    achievedOn: props.contactOn,
    verification: 'verified',
    verified_at: new Date(),
    verified_by: coach.id,
  });
  const pdf = smallPdf();
  await db
    .insertInto('evidence_file')
    .values({
      programme_id: programme,
      outcome_id: outcome.id,
      file_name: 'tenancy.pdf',
      media_type: 'application/pdf',
      byte_size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      content: pdf,
      uploaded_by: coach.id,
      ...(props.uploadedAt ? { uploaded_at: props.uploadedAt } : {}),
    })
    .execute();
  const job = await buildJobStart(test, { episodeId: episode.id, startedOn: props.contactOn });
  await buildCheck(test, { jobStartId: job.id, episodeId: episode.id, week: 13, checkedOn: props.contactOn });
  await buildTrainingPlace(test, { episodeId: episode.id, startedOn: props.contactOn });
  await buildActivity(test, { episodeId: episode.id, startedOn: props.contactOn });
  const [area] = await distanceAreas(test);
  await buildReading(test, { episodeId: episode.id, readOn: props.contactOn, workerId: coach.id, scores: { [area?.code ?? '']: 4 } });
  await buildReturn(test, { personId: person.id, admittedOn: null, asAt: props.contactOn });
  await db
    .insertInto('record_change')
    .values({
      programme_id: programme,
      record_type: 'contact',
      record_id: contact.id,
      episode_id: episode.id,
      version: 1,
      kind: 'corrected',
      previous: JSON.stringify({ notes: 'Earlier note' }) as never,
      reason: 'Typo',
      changed_by: coach.id,
    })
    .execute();
  if (props.closedOn)
    await db.updateTable('episode').set({ closed_on: props.closedOn, closure_reason: 'support_completed' }).where('id', '=', episode.id).execute();
  return { person, merged, episode };
}

/** A person with one sign-up and one contact, closed on `closedOn` (or open). */
export async function buildSimpleRecord(test: TestApp, props: { signedUpOn: string; closedOn: string | null; contactOn?: string; name?: [string, string] }) {
  const person = await buildPerson(test, props.name ? { first_name: props.name[0], last_name: props.name[1] } : {});
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: props.signedUpOn, liberated_on: props.signedUpOn });
  if (props.contactOn) await buildContact(test, { episodeId: episode.id, contactOn: props.contactOn });
  if (props.closedOn)
    await test.database.db
      .updateTable('episode')
      .set({ closed_on: props.closedOn, closure_reason: 'support_completed' })
      .where('id', '=', episode.id)
      .execute();
  return { person, episode };
}

/** Every table with a uuid column, and its uuid columns (the audit log aside: it is kept). */
async function uuidColumns(test: TestApp) {
  const { rows } = await sql<{ table_name: string; columns: string[] }>`
    select c.relname as table_name, array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.atttypid = 'uuid'::regtype and a.attname <> 'programme_id'
      and c.relname <> 'audit_event'
    group by c.relname order by c.relname`.execute(test.database.db);
  return rows;
}

/**
 * The rows holding a person's data, found by walking every table of the database: a row holds it
 * when any of its uuid columns names the person or a row already found. Returns the ids found and
 * how many rows each table holds.
 */
export async function rowsNaming(test: TestApp, personIds: string[]): Promise<{ ids: Set<string>; tables: Record<string, number> }> {
  const ids = new Set(personIds);
  const tables: Record<string, number> = {};
  const columns = await uuidColumns(test);
  for (let grew = true; grew;) {
    grew = false;
    for (const { table_name, columns: cols } of columns) {
      const list = [...ids];
      const { rows } = await sql<Record<string, unknown>>`
        select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(table_name)}
        where ${sql.join(
          cols.map((c) => sql`${sql.ref(c)}::text in (${sql.join(list)})`),
          sql` or `,
        )}`.execute(test.database.db);
      tables[table_name] = rows.length;
      for (const row of rows) {
        const id = row.id;
        if (typeof id !== 'string' || ids.has(id)) continue;
        ids.add(id);
        grew = true;
      }
    }
  }
  return { ids, tables: Object.fromEntries(Object.entries(tables).filter(([, n]) => n > 0)) };
}
