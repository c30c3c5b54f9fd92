import { isoOf } from './days.ts';
import type { ImpactWork } from './outcomes.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import {
  DAYS_BETWEEN_READINGS,
  DAYS_TO_FIRST_READING,
  DISTANCE_IMPROVES,
  DISTANCE_READING_SHARE,
  DISTANCE_READINGS,
  FIRST_SCORE,
  READING_NOTE_SHARE,
  SELF_REPORTED_REOFFENDING,
  WORKER_SCORE_SHARE,
} from './shape.ts';
import { READING_NOTES } from './texts.ts';
import type { World } from './world.ts';

const clamp = (score: number) => Math.min(10, Math.max(1, score));

/**
 * Distance travelled for about half of engaged sign-ups: two to four readings some weeks apart from
 * the first contact (as many as support lasts for), the client's score in every area of the
 * programme drifting upwards for most, the worker's own score on a few, and self-reported
 * reoffending since the reading before, mostly "no". Read by the community life coach.
 */
export function distanceReadings(random: Random, world: World, rows: Rows, work: ImpactWork): void {
  const areas = world.distanceAreas;
  if (work.worker === null || areas.length === 0 || !random.chance(DISTANCE_READING_SHARE)) return;
  const readings = DISTANCE_READINGS.pick(random);
  const improves = random.chance(DISTANCE_IMPROVES);
  const scores = areas.map(() => FIRST_SCORE.pick(random));
  let day = work.active.from + random.int(...DAYS_TO_FIRST_READING);
  for (let reading = 0; reading < readings && day <= work.active.until; reading += 1) {
    if (reading > 0) for (let i = 0; i < scores.length; i += 1) scores[i] = clamp((scores[i] ?? 5) + (improves ? random.int(0, 2) : random.int(-1, 1)));
    const readingId = world.ids.next();
    rows.distance_reading.push({
      id: readingId,
      programme_id: world.programmeId,
      episode_id: work.episodeId,
      read_on: isoOf(day),
      worker_id: work.worker,
      reoffending: SELF_REPORTED_REOFFENDING.pick(random),
      note: random.chance(READING_NOTE_SHARE) ? random.pick(READING_NOTES) : null,
      created_by: work.worker,
    });
    areas.forEach((area, i) => {
      const client = scores[i] ?? 5;
      const worker = random.chance(WORKER_SCORE_SHARE) ? clamp(client + (random.chance(0.5) ? -1 : 1) * random.int(1, 2)) : null;
      rows.distance_score.push({
        programme_id: world.programmeId,
        reading_id: readingId,
        area,
        client_score: client,
        worker_score: worker === client ? null : worker,
      });
    });
    day += random.int(...DAYS_BETWEEN_READINGS);
  }
}
