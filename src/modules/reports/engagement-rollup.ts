import { sql } from 'kysely';
import { addDays, addMonths, firstOfMonth, isLastOfMonth } from '../../http/calendar.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { AGE_BANDS, bandOf, MONTHS_OUT_OF_WORK_BANDS, PREVIOUS_SENTENCE_BANDS, SENTENCE_BANDS, VISIT_BANDS } from './bands.ts';
import type { BaselineCounts } from './engagement-baseline.ts';
import type { EngagementFilter } from './engagement-filters.ts';
import type { Dimension, EngagementCounts, GroupCount } from './engagement-queries.ts';

/**
 * The engagement report for a period with no other filter, from the rollup the database keeps
 * (engagement_rollup, migration 0014): a sum over the period's days, not a pass over its sign-ups.
 * People are counted once, at their first sign-up in the period: the sign-ups whose person signed up
 * before within the period (episode.previous_signed_up_on, a few rows through episode_repeat_idx) are
 * taken off the rollup's counts. Filtered reports read the sign-ups (engagement-queries.ts); the
 * tests check both give the same figures.
 */
export const readsRollup = (filter: EngagementFilter) =>
  Object.entries(filter).every(([key, value]) => key === 'from' || key === 'to' || value === undefined);

interface Cell {
  dimension: string;
  value: string;
  signUps: number;
  engaged: number;
  gateMet: number;
}

export async function rolledUpEngagement(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<{ counts: EngagementCounts; baseline: BaselineCounts }> {
  const [cells, repeats, engagedRepeats] = await Promise.all([sumRollup(props), repeatSignUps(props), engagedRepeatSignUps(props)]);
  const total = cells.find((cell) => cell.dimension === 'total') ?? { signUps: 0, engaged: 0, gateMet: 0 };
  const of = (dimension: string) => cells.filter((cell) => cell.dimension === dimension);
  const repeatsBy = (key: (row: (typeof repeats)[number]) => string | null) => tally(repeats.map((row) => ({ key: key(row), n: row.n })));
  const visits = tally(of('visits').map((cell) => ({ key: bandOf(Number(cell.value), VISIT_BANDS), n: cell.signUps })));
  const groups: Record<Dimension, GroupCount[]> = {
    gender: groupsOf(of('gender'), recorded, repeatsBy((row) => row.gender)),
    age_band: groupsOf(of('age'), (value) => bandOf(numberOrNull(value), AGE_BANDS), repeatsBy((row) => bandOf(row.age, AGE_BANDS))),
    sentence_band: groupsOf(of('sentence'), (value) => bandOf(Number(value), SENTENCE_BANDS), repeatsBy((row) => bandOf(Number(row.sentence), SENTENCE_BANDS))),
    previous_band: groupsOf(of('previous'), (value) => bandOf(Number(value), PREVIOUS_SENTENCE_BANDS), repeatsBy((row) => bandOf(row.previous, PREVIOUS_SENTENCE_BANDS))),
    reason: groupsOf(of('reason'), recorded, repeatsBy((row) => row.reason)),
  };
  const people = total.signUps - repeats.reduce((sum, row) => sum + row.n, 0);
  return {
    counts: {
      totals: {
        signUps: total.signUps,
        people,
        engagedSignUps: total.engaged,
        engagedPeople: total.engaged - engagedRepeats,
        gateMet: total.gateMet,
        visits0: visits.get('0') ?? 0,
        visits1: visits.get('1') ?? 0,
        visits2Plus: visits.get('2-plus') ?? 0,
      },
      groups,
    },
    baseline: {
      assessed: of('assessed')[0]?.signUps ?? 0,
      needs: new Map(of('need').map((cell) => [cell.value, cell.signUps])),
      monthsOutOfWork: tally(of('work').map((cell) => ({ key: bandOf(numberOrNull(cell.value), MONTHS_OUT_OF_WORK_BANDS), n: cell.signUps }))) as Map<string, number>,
    },
  };
}

/** The rollup keeps '' for "not recorded". */
const numberOrNull = (value: string) => (value === '' ? null : Number(value));
const recorded = (value: string) => (value === '' ? null : value);

function tally(rows: { key: string | null; n: number }[]): Map<string | null, number> {
  const totals = new Map<string | null, number>();
  for (const { key, n } of rows) totals.set(key, (totals.get(key) ?? 0) + n);
  return totals;
}

/** A dimension's cells grouped by band or value, its people being its sign-ups less the repeat sign-ups in it. */
function groupsOf(cells: Cell[], groupOf: (value: string) => string | null, repeats: Map<string | null, number>): GroupCount[] {
  const groups = new Map<string | null, GroupCount>();
  for (const cell of cells) {
    const value = groupOf(cell.value);
    const group = groups.get(value) ?? { value, signUps: 0, people: 0, notEngaged: 0 };
    group.signUps += cell.signUps;
    group.notEngaged += cell.signUps - cell.engaged;
    groups.set(value, group);
  }
  for (const group of groups.values()) group.people = group.signUps - (repeats.get(group.value) ?? 0);
  return [...groups.values()];
}

/**
 * The rollup's cells summed over the period: whole months from the monthly rollup, and the days at
 * either end that do not make a whole month from the daily one.
 */
function sumRollup(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<Cell[]> {
  const { ctx, filter } = props;
  const { months, days } = monthsAndDays(filter);
  const measures = ['r.dimension', 'r.value', 'r.sign_ups', 'r.engaged', 'r.gate_met'] as const;
  const monthly = ctx.db
    .selectFrom('engagement_rollup_month as r')
    .select(measures)
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .$if(months.from !== undefined, (q) => q.where('r.month', '>=', months.from as string))
    .$if(months.to !== undefined, (q) => q.where('r.month', '<=', months.to as string))
    .$if(months.from !== undefined && months.to !== undefined && months.from > months.to, (q) => q.where(sql<boolean>`false`));
  const cells = days.reduce(
    (query, [from, to]) =>
      query.unionAll(
        ctx.db.selectFrom('engagement_rollup as r').select(measures).where('r.programme_id', '=', ctx.actor.programmeId).where('r.signed_up_on', '>=', from).where('r.signed_up_on', '<=', to),
      ),
    monthly,
  );
  return ctx.db
    .selectFrom(cells.as('r'))
    .select([
      'r.dimension',
      'r.value',
      sql<number>`sum(r.sign_ups)::int`.as('signUps'),
      sql<number>`sum(r.engaged)::int`.as('engaged'),
      sql<number>`sum(r.gate_met)::int`.as('gateMet'),
    ])
    .groupBy(['r.dimension', 'r.value'])
    .having(sql<boolean>`sum(r.sign_ups) <> 0`)
    .execute();
}

/** The whole months of a period (first days, both ends included) and the stretches of days outside them. */
export function monthsAndDays(period: { from?: string; to?: string }): { months: { from?: string; to?: string }; days: [string, string][] } {
  const { from, to } = period;
  const dayBefore = (iso: string) => addDays(iso, -1);
  // The first whole month starts on `from` if it is a first of the month, else the month after.
  const firstMonth = from === undefined ? undefined : from.endsWith('-01') ? from : addMonths(from, 1);
  // The last whole month ends on `to` if it is a last of the month, else the month before.
  const lastMonth = to === undefined ? undefined : isLastOfMonth(to) ? firstOfMonth(to) : addMonths(to, -1);
  if (firstMonth !== undefined && lastMonth !== undefined && firstMonth > lastMonth) {
    // No whole month: all days.
    return { months: { from: firstMonth, to: lastMonth }, days: [[from as string, to as string]] };
  }
  const days: [string, string][] = [];
  if (from !== undefined && firstMonth !== undefined && from < firstMonth) days.push([from, dayBefore(firstMonth)]);
  if (to !== undefined && lastMonth !== undefined && addMonths(lastMonth, 1) <= to) days.push([addMonths(lastMonth, 1), to]);
  return { months: { from: firstMonth, to: lastMonth }, days };
}

/** The period's sign-ups whose person signed up earlier in the period: not their first, so not a person. */
function repeats(props: { ctx: SignedInCtx; filter: EngagementFilter }) {
  const { ctx, filter } = props;
  return ctx.db
    .selectFrom('episode as e')
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.previous_signed_up_on', 'is not', null)
    .$if(filter.from !== undefined, (q) => q.where('e.signed_up_on', '>=', filter.from as string).where('e.previous_signed_up_on', '>=', filter.from as string))
    .$if(filter.to !== undefined, (q) => q.where('e.signed_up_on', '<=', filter.to as string));
}

/** The repeat sign-ups by what each group counts people by (what each group's count of people leaves out). */
function repeatSignUps(props: { ctx: SignedInCtx; filter: EngagementFilter }) {
  const age = sql<number | null>`extract(year from age(e.signed_up_on::timestamp, e.person_date_of_birth::timestamp))::int`;
  return repeats(props)
    .select([
      'e.person_gender as gender',
      age.as('age'),
      'e.sentence_months as sentence',
      'e.previous_sentences as previous',
      'e.non_engagement_reason as reason',
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(['e.person_gender', age, 'e.sentence_months', 'e.previous_sentences', 'e.non_engagement_reason'])
    .execute();
}

/**
 * Engaged sign-ups beyond each person's first engaged one in the period (engaged people = engaged
 * sign-ups less these): those whose person's latest earlier engaged sign-up (episode.previous_engaged_on)
 * is in the period too.
 */
async function engagedRepeatSignUps(props: { ctx: SignedInCtx; filter: EngagementFilter }): Promise<number> {
  const { filter } = props;
  const row = await repeats(props)
    .where('e.engaged', '=', true)
    .where('e.previous_engaged_on', 'is not', null)
    .$if(filter.from !== undefined, (q) => q.where('e.previous_engaged_on', '>=', filter.from as string))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
