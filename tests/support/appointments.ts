import type { Insertable } from 'kysely';
import type { AppointmentTable } from '../../src/db/schema.ts';
import { buildEpisode, buildPerson, programmeId } from './journey.ts';
import type { Role } from '../../src/modules/auth/roles.ts';
import { apiHeadersAs, demoUser, type TestApp } from './test-app.ts';

/** A planned appointment straight into the database, in `workerId`'s diary (planned by nobody unless `created_by` is given). */
export async function buildAppointment(
  test: TestApp,
  props: Partial<Insertable<AppointmentTable>> & { episodeId: string; plannedOn: string; workerId: string },
) {
  const { episodeId, plannedOn, workerId, ...columns } = props;
  return test.database.db
    .insertInto('appointment')
    .values({
      programme_id: await programmeId(test),
      episode_id: episodeId,
      worker_id: workerId,
      planned_on: plannedOn,
      planned_time: null,
      place: 'office',
      with_whom: null,
      purpose: null,
      status_reason: null,
      contact_id: null,
      created_by: null,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An appointment as it stands in the database. */
export async function appointmentRow(test: TestApp, id: string) {
  return test.database.db.selectFrom('appointment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** API headers for the demo user of a role. */
export async function apiHeadersFor(test: TestApp, role: Role) {
  return apiHeadersAs(test, (await demoUser(test, role)).id);
}

/** A client and their open sign-up (signed up 5 January 2026) with `workers`, in `teamName` (Glasgow unless said). */
export async function plannedWorkClient(test: TestApp, props: { workers: Record<string, string>; teamName?: string }) {
  const teamName = props.teamName ?? 'Glasgow team';
  const person = await buildPerson(test, { teamName });
  const episode = await buildEpisode(test, { personId: person.id, teamName, signed_up_on: '2026-01-05', workers: props.workers });
  return { person, episode, base: `/people/${person.id}/sign-ups/${episode.id}` };
}

