import { sql, type Kysely } from 'kysely';
import type { Database, ReferralStatus } from '../../db/schema.ts';
import { kickMail } from './mail-outbox.ts';
import { agencySide, coachSide } from './notify.ts';
import { dueOn, overdueOn } from '../referrals/overdue-sql.ts';

/**
 * Referrals that wait on someone past their day (referrals/overdue-sql.ts), never one entered in
 * error, with the day each waited for.
 */
export function overdueReferrals(db: Kysely<Database>, props: { programmeId?: string; today?: string }) {
  const today = props.today ? sql`${props.today}::date` : sql`(now() at time zone p.time_zone)::date`;
  return db
    .selectFrom('referral as r')
    .innerJoin('programme as p', 'p.id', 'r.programme_id')
    .select(['r.programme_id', 'r.id', 'r.status', dueOn.as('due_on')])
    .where('r.entered_in_error_at', 'is', null)
    .where('r.status', 'in', ['sent', 'appointment_booked'] satisfies ReferralStatus[])
    .where(overdueOn(today))
    .$if(props.programmeId !== undefined, (q) => q.where('r.programme_id', '=', props.programmeId ?? ''));
}

/**
 * Tells both sides of each overdue referral, once per due day (the unique index
 * notification_overdue_once): the agency's active users on a live referral, and whoever made it and
 * the sign-up's currently assigned workers. Returns how many notifications it made.
 */
export async function notifyOverdue(db: Kysely<Database>, props: { programmeId?: string; today?: string } = {}): Promise<number> {
  const due = overdueReferrals(db, props);
  const made = await sql<{ id: string }>`
    with due as (${due}),
    recipient as (
      select d.programme_id, d.id as referral_id, d.due_on, u.id as user_id
      from due d
      join referral r on r.programme_id = d.programme_id and r.id = d.id
      join app_user u on u.programme_id = r.programme_id and u.active
      where ${agencySide} or ${coachSide}
    )
    insert into notification (programme_id, user_id, kind, referral_id, due_on)
    select distinct programme_id, user_id, 'referral_overdue', referral_id, due_on from recipient
    on conflict (programme_id, user_id, referral_id, due_on) where kind = 'referral_overdue' do nothing
    returning id`.execute(db);
  if (made.rows.length > 0) kickMail();
  return made.rows.length;
}
