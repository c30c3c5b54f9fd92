import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { FamilyFilter } from './filter.ts';
import type { Period } from './period.ts';

/**
 * The family support report's counts for one period. Nothing entered in error counts: a family in
 * error takes all its records with it, and a member, referral, contact or outcome in error is left
 * out (so is a member's part in a contact in error). Families are narrowed by the filter: the
 * family's team and co-ordinator now, and, for a referral source, families referred by it (a
 * referral not in error) on or before the last day of the period.
 */
export interface Scope {
  ctx: SignedInCtx;
  /** The families' narrowing (its own period is not used: `period` is the one counted). */
  filter: Pick<FamilyFilter, 'teamId' | 'coordinatorId' | 'source'>;
  period: Period;
}

/** Ids of the families counted (the filter's, not in error). */
function familiesOf({ ctx, filter, period }: Scope) {
  return ctx.db
    .selectFrom('family as f')
    .select('f.id')
    .where('f.programme_id', '=', ctx.actor.programmeId)
    .where('f.entered_in_error_at', 'is', null)
    .$if(filter.teamId !== undefined, (q) => q.where('f.team_id', '=', filter.teamId as string))
    .$if(filter.coordinatorId !== undefined, (q) => q.where('f.coordinator_id', '=', filter.coordinatorId as string))
    .$if(filter.source !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('family_referral as sr')
            .select('sr.id')
            .whereRef('sr.programme_id', '=', 'f.programme_id')
            .whereRef('sr.family_id', '=', 'f.id')
            .where('sr.entered_in_error_at', 'is', null)
            .where('sr.source', '=', filter.source as string)
            .where('sr.referred_on', '<=', period.to),
        ),
      ),
    );
}

export interface ReferralCounts {
  made: number;
  engaged: number;
  families: number;
  familiesEngaged: number;
}

/** Referrals dated in the period (of the source chosen), in all and by source (null: all sources). */
export async function countReferrals(scope: Scope): Promise<Map<string | null, ReferralCounts>> {
  const { ctx, filter, period } = scope;
  const rows = await ctx.db
    .selectFrom('family_referral as r')
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .where('r.entered_in_error_at', 'is', null)
    .where('r.referred_on', '>=', period.from)
    .where('r.referred_on', '<=', period.to)
    .where('r.family_id', 'in', familiesOf(scope))
    .$if(filter.source !== undefined, (q) => q.where('r.source', '=', filter.source as string))
    .select([
      sql<string | null>`case when grouping(r.source) = 0 then r.source end`.as('source'),
      sql<number>`count(*)`.as('made'),
      sql<number>`count(*) filter (where r.engaged_on is not null)`.as('engaged'),
      sql<number>`count(distinct r.family_id)`.as('families'),
      sql<number>`count(distinct r.family_id) filter (where r.engaged_on is not null)`.as('familiesEngaged'),
    ])
    .groupBy(sql`grouping sets ((r.source), ())`)
    .execute();
  return new Map(rows.map(({ source, ...counts }) => [source, counts]));
}

/** The contacts and sessions of the period of the families counted, as a query (for `with`). */
function supportOf(scope: Scope) {
  const { ctx, period } = scope;
  return ctx.db
    .selectFrom('family_support as s')
    .select(['s.id', 's.family_id', 's.support_on', 's.support_types'])
    .where('s.programme_id', '=', ctx.actor.programmeId)
    .where('s.entered_in_error_at', 'is', null)
    .where('s.support_on', '>=', period.from)
    .where('s.support_on', '<=', period.to)
    .where('s.family_id', 'in', familiesOf(scope));
}

export interface PeopleCounts {
  direct: { adults: number; children: number };
  indirect: { adults: number; children: number };
}

/**
 * Members supported directly (took part in a contact of the period) and indirectly (the other
 * members of families given support in the period). A member is a child if under 18 on the day of
 * the first contact of the period they took part in (directly) or of their family's first (indirectly);
 * where the date of birth is not known, as the age group recorded.
 */
export async function countPeople(scope: Scope): Promise<PeopleCounts> {
  const { ctx } = scope;
  const child = sql<boolean>`case when m.date_of_birth is not null
    then date_part('year', age(coalesce(d.first_on, ff.first_on), m.date_of_birth)) < 18
    else m.age_group = 'child' end`;
  const row = await ctx.db
    .with('s', () => supportOf(scope))
    .with('d', (db) =>
      db
        .selectFrom('family_support_member as sm')
        .innerJoin('s', 's.id', 'sm.support_id')
        .where('sm.programme_id', '=', ctx.actor.programmeId)
        .select(['sm.member_id', sql<string>`min(s.support_on)`.as('first_on')])
        .groupBy('sm.member_id'),
    )
    .with('ff', (db) => db.selectFrom('s').select(['s.family_id', sql<string>`min(s.support_on)`.as('first_on')]).groupBy('s.family_id'))
    .selectFrom('family_member as m')
    .innerJoin('ff', 'ff.family_id', 'm.family_id')
    .leftJoin('d', 'd.member_id', 'm.id')
    .where('m.programme_id', '=', ctx.actor.programmeId)
    .where('m.entered_in_error_at', 'is', null)
    .select([
      sql<number>`count(*) filter (where d.member_id is not null and not ${child})`.as('directAdults'),
      sql<number>`count(*) filter (where d.member_id is not null and ${child})`.as('directChildren'),
      sql<number>`count(*) filter (where d.member_id is null and not ${child})`.as('indirectAdults'),
      sql<number>`count(*) filter (where d.member_id is null and ${child})`.as('indirectChildren'),
    ])
    .executeTakeFirstOrThrow();
  return { direct: { adults: row.directAdults, children: row.directChildren }, indirect: { adults: row.indirectAdults, children: row.indirectChildren } };
}

export interface SupportCounts {
  contacts: number;
  families: number;
}

/** Contacts and sessions of the period and the families given them: in all (key null) and by support type. */
export async function countSupport(scope: Scope): Promise<Map<string | null, SupportCounts>> {
  const support = supportOf(scope);
  const { rows } = await sql<{ code: string | null; contacts: number; families: number }>`
    with s as (${support})
    select null as code, count(*) as contacts, count(distinct s.family_id) as families from s
    union all
    select t.code, count(distinct s.id), count(distinct s.family_id) from s cross join lateral unnest(s.support_types) as t(code) group by t.code`.execute(scope.ctx.db);
  return new Map(rows.map(({ code, ...counts }) => [code, { contacts: Number(counts.contacts), families: Number(counts.families) }]));
}

export interface OutcomeCounts {
  count: number;
  families: number;
}

/** Outcomes for the families counted achieved in the period, and the families with them: in all (key null) and by outcome type. */
export async function countOutcomes(scope: Scope): Promise<Map<string | null, OutcomeCounts>> {
  const { ctx, period } = scope;
  const rows = await ctx.db
    .selectFrom('family_outcome as o')
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .where('o.entered_in_error_at', 'is', null)
    .where('o.achieved_on', '>=', period.from)
    .where('o.achieved_on', '<=', period.to)
    .where('o.family_id', 'in', familiesOf(scope))
    .select([
      sql<string | null>`case when grouping(o.outcome_type) = 0 then o.outcome_type end`.as('code'),
      sql<number>`count(*)`.as('count'),
      sql<number>`count(distinct o.family_id)`.as('families'),
    ])
    .groupBy(sql`grouping sets ((o.outcome_type), ())`)
    .execute();
  return new Map(rows.map(({ code, count, families }) => [code, { count, families }]));
}
