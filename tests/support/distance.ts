import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

/** The demo programme's active distance-travelled areas, in order. */
export async function distanceAreas(test: TestApp) {
  return test.database.db
    .selectFrom('choice')
    .select(['code', 'label'])
    .where('programme_id', '=', await programmeId(test))
    .where('list', '=', 'distance_area')
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
}

/**
 * A distance-travelled reading straight into the database: a client score for each area given (a
 * pair is the client's and the worker's), optionally entered in error.
 */
export async function buildReading(
  test: TestApp,
  props: {
    episodeId: string;
    readOn: string;
    workerId: string;
    scores: Record<string, number | [number, number]>;
    reoffending?: 'no' | 'yes' | 'prefers_not_to_say';
    inError?: string;
    createdBy?: string | null;
  },
) {
  const programme = await programmeId(test);
  const reading = await test.database.db
    .insertInto('distance_reading')
    .values({
      programme_id: programme,
      episode_id: props.episodeId,
      read_on: props.readOn,
      worker_id: props.workerId,
      reoffending: props.reoffending ?? 'no',
      note: null,
      created_by: props.createdBy === undefined ? props.workerId : props.createdBy,
      ...(props.inError ? { entered_in_error_at: new Date(), entered_in_error_by: props.workerId, entered_in_error_reason: props.inError } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await test.database.db
    .insertInto('distance_score')
    .values(
      Object.entries(props.scores).map(([area, score]) => ({
        programme_id: programme,
        reading_id: reading.id,
        area,
        client_score: Array.isArray(score) ? score[0] : score,
        worker_score: Array.isArray(score) ? score[1] : null,
      })),
    )
    .execute();
  return reading;
}
