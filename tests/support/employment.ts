import type { Insertable } from 'kysely';
import type { JobStartTable } from '../../src/db/schema.ts';
import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/** Employment factories: records straight into the database, for tests that need them in place. */

/** A calendar date `offset` days from today (UTC, as the tests' "today"). */
export const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

/** A job start (with no outcome: tests of the outcome record it through the app). */
export async function buildJobStart(test: TestApp, props: Partial<Insertable<JobStartTable>> & { episodeId: string; startedOn: string }) {
  const { episodeId, startedOn, ...columns } = props;
  return test.database.db
    .insertInto('job_start')
    .values({
      programme_id: await programmeId(test),
      episode_id: episodeId,
      employer: 'Clyde Logistics',
      job_title: 'Warehouse operative',
      hours_per_week: '37.5',
      contract_type: 'permanent',
      started_on: startedOn,
      created_by: null,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildActivity(test: TestApp, props: { episodeId: string; startedOn: string }) {
  return test.database.db
    .insertInto('employability_activity')
    .values({ programme_id: await programmeId(test), episode_id: props.episodeId, kind: 'cv', started_on: props.startedOn, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildTrainingPlace(test: TestApp, props: { episodeId: string; startedOn: string }) {
  return test.database.db
    .insertInto('training_place')
    .values({ programme_id: await programmeId(test), episode_id: props.episodeId, kind: 'training', provider: 'Glasgow Clyde College', course: 'Forklift licence', started_on: props.startedOn, created_by: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildCheck(test: TestApp, props: { jobStartId: string; episodeId: string; week: number; checkedOn: string; inWork?: boolean }) {
  return test.database.db
    .insertInto('in_work_check')
    .values({
      programme_id: await programmeId(test),
      job_start_id: props.jobStartId,
      episode_id: props.episodeId,
      check_week: props.week,
      checked_on: props.checkedOn,
      in_work: props.inWork ?? true,
      left_on: props.inWork === false ? props.checkedOn : null,
      left_reason: props.inWork === false ? 'Contract ended' : null,
      created_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
