import type { Role } from '../../src/modules/auth/roles.ts';
import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/** Factories for the caseload lists: workers of any team, planned appointments and plan actions. */
let counter = 0;

export async function buildWorker(test: TestApp, props: { role: Role; teamName: string; name?: string; active?: boolean }) {
  counter += 1;
  const team = await test.database.db.selectFrom('team').select('id').where('name', '=', props.teamName).executeTakeFirstOrThrow();
  return test.database.db
    .insertInto('app_user')
    .values({
      programme_id: await programmeId(test),
      email: `caseload.worker${counter}@roop.example`,
      display_name: props.name ?? `Worker ${counter}`,
      role: props.role,
      team_id: team.id,
      password_hash: 'x',
      locked_until: null,
      last_signed_in_at: null,
      active: props.active ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildAppointment(
  test: TestApp,
  props: {
    episodeId: string;
    workerId: string;
    plannedOn: string;
    plannedTime?: string;
    place?: string;
    withWhom?: string;
    status?: string;
    inError?: boolean;
  },
) {
  return test.database.db
    .insertInto('appointment')
    .values({
      programme_id: await programmeId(test),
      episode_id: props.episodeId,
      worker_id: props.workerId,
      planned_on: props.plannedOn,
      planned_time: props.plannedTime ?? null,
      place: props.place ?? 'agency',
      with_whom: props.withWhom ?? null,
      status: props.status ?? 'planned',
      ...(props.inError ? { entered_in_error_at: new Date(), entered_in_error_reason: 'Wrong client' } : {}),
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildAction(
  test: TestApp,
  props: { episodeId: string; dueOn: string | null; goal: string; status?: 'open' | 'done'; inError?: boolean },
) {
  return test.database.db
    .insertInto('plan_action')
    .values({
      programme_id: await programmeId(test),
      episode_id: props.episodeId,
      domain: 'finance',
      goal: props.goal,
      action: `Do something about ${props.goal}`,
      owner_text: null,
      due_on: props.dueOn,
      created_by: null,
      ...(props.status ? { status: props.status } : {}),
      ...(props.inError ? { entered_in_error_at: new Date(), entered_in_error_reason: 'Wrong client' } : {}),
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}
