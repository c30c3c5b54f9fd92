import { lineChartSvg, type ChartFigure } from '../../charts/index.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { getRules } from '../settings/service.ts';
import { areaProgress } from './improvement.ts';
import { scoresOfReadings } from './queries.ts';

const TITLE = 'Distance travelled: the client’s scores by area';

/**
 * "Distance travelled" on the person page: the client's score in each area at each reading (not
 * entered in error, across all their sign-ups, in date order) as a line chart with its data table,
 * and whether each area has improved (hasImproved, with the programme's threshold). Null when there
 * is no reading. The caller has checked the person may be read (the person page has).
 */
export async function distanceTravelled(ctx: SignedInCtx, personId: string) {
  const readings = await ctx.db
    .selectFrom('distance_reading as r')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'r.programme_id').onRef('e.id', '=', 'r.episode_id'))
    .select(['r.id', 'r.read_on as readOn'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .where('r.entered_in_error_at', 'is', null)
    .orderBy('r.read_on')
    .orderBy('r.created_at')
    .execute();
  if (readings.length === 0) return null;
  const [scores, rules] = await Promise.all([
    scoresOfReadings(
      ctx,
      readings.map((r) => r.id),
    ),
    getRules(ctx),
  ]);
  const threshold = rules.distanceImprovement;
  const areas = [...new Map(scores.map((s) => [s.area, s.areaLabel])).entries()].map(([code, label]) => ({ code, label }));
  const scoreAt = (readingId: string, area: string) => scores.find((s) => s.readingId === readingId && s.area === area);
  const dates = readings.map((r) => formatCalendarDate(r.readOn));
  const rows = areas.map((area) => ({ area, scores: readings.map((r) => scoreAt(r.id, area.code)) }));
  const progress = rows.map(({ area, scores: inOrder }) => ({
    label: area.label,
    ...areaProgress(
      inOrder.map((s) => s?.clientScore ?? null),
      threshold,
    ),
  }));
  const improved = progress.filter((p) => p.improved === true).length;
  const period = readings.length === 1 ? `at one reading, on ${dates[0]}` : `at each of ${readings.length} readings, from ${dates[0]} to ${dates.at(-1)}`;
  const svg = lineChartSvg({
    idPrefix: 'distance-chart',
    title: TITLE,
    description:
      `The client’s score in each of ${areas.length} areas, from 1 (hardest) to 10 (going well), ${period}.` +
      (readings.length > 1 ? ` ${improved} of ${areas.length} areas have improved by ${threshold} or more.` : '') +
      ' The table under the chart gives every score.',
    categories: dates,
    series: rows.map(({ area, scores: inOrder }) => ({ name: area.label, values: inOrder.map((s) => s?.clientScore ?? null) })),
    yMin: 1,
    yMax: 10,
  });
  const chart: ChartFigure = {
    title: TITLE,
    svg,
    table: {
      caption: 'The client’s score at each reading (and the worker’s, where they see it differently)',
      head: ['Area', ...dates],
      rows: rows.map(({ area, scores: inOrder }) => [
        area.label,
        ...inOrder.map((s) =>
          s === undefined ? 'Not scored' : s.workerScore === null ? String(s.clientScore) : `${s.clientScore} (worker: ${s.workerScore})`,
        ),
      ]),
    },
  };
  return { chart, progress, threshold, readingCount: readings.length };
}
