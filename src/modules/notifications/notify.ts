import { sql } from 'kysely';
import type { NotificationKind } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { kickMail, type MadeNotification } from './mail-outbox.ts';

/**
 * Tells the other side of a referral what just happened to it, in the caller's transaction (so a
 * step that is refused or rolled back tells nobody). Called by referrals/service.ts once a referral
 * is made (`eventId` omitted: its first event) and after each step.
 *
 * - A live referral sent, or a coach's step or note on one: the agency's active users.
 * - The agency's answer, step or note: whoever made the referral and the sign-up's currently
 *   assigned workers (active users).
 * - A logged referral's steps tell nobody: the coach records them all, and the agency is not here.
 *
 * The one who took the step is never told of it. Returns how many notifications were made.
 */
export async function notifyReferralEvent(tx: SignedInCtx, props: { referralId: string; eventId?: string }): Promise<number> {
  const programmeId = tx.actor.programmeId;
  let eventQuery = tx.db
    .selectFrom('referral_event as e')
    .innerJoin('referral as r', (join) => join.onRef('r.programme_id', '=', 'e.programme_id').onRef('r.id', '=', 'e.referral_id'))
    .select(['e.id', 'e.kind', 'e.by_agency', 'r.mode', 'r.organisation_id', 'r.episode_id', 'r.created_by'])
    .where('e.programme_id', '=', programmeId)
    .where('e.referral_id', '=', props.referralId);
  eventQuery = props.eventId ? eventQuery.where('e.id', '=', props.eventId) : eventQuery.orderBy('e.recorded_at').limit(1);
  const event = await eventQuery.executeTakeFirst();
  if (!event || event.kind === 'entered_in_error' || event.mode !== 'live') return 0;

  const kind: NotificationKind = event.by_agency
    ? event.kind === 'note'
      ? 'agency_note'
      : 'referral_answered'
    : event.kind === 'sent'
      ? 'referral_sent'
      : event.kind === 'note'
        ? 'coach_note'
        : 'referral_updated';
  const toAgency = !event.by_agency;

  const recipients = toAgency
    ? sql<{ user_id: string }>`
        select u.id as user_id from app_user u
        where u.programme_id = ${programmeId} and u.organisation_id = ${event.organisation_id} and u.role = 'partner_agency' and u.active`
    : sql<{ user_id: string }>`
        select u.id as user_id from app_user u
        where u.programme_id = ${programmeId} and u.active and (
          u.id = ${event.created_by}
          or exists (select 1 from assignment a where a.programme_id = u.programme_id and a.worker_id = u.id and a.episode_id = ${event.episode_id} and a.to_on is null))`;

  const made = await sql<MadeNotification>`
    insert into notification (programme_id, user_id, kind, referral_id, referral_event_id)
    select ${programmeId}, who.user_id, ${kind}, ${props.referralId}, ${event.id}
    from (${recipients}) who
    where who.user_id <> ${tx.actor.userId}
    returning programme_id, id`.execute(tx.db);
  if (made.rows.length > 0) kickMail(made.rows);
  return made.rows.length;
}
