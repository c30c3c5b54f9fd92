import { sql } from 'kysely';
import type { NotificationKind } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { kickMail } from './mail-outbox.ts';

/** Who hears for the agency, as a condition on a user `u` of a referral `r`: the active users of a live referral's organisation. */
export const agencySide = sql<boolean>`(r.mode = 'live' and u.role = 'partner_agency' and u.organisation_id = r.organisation_id)`;

/** Who hears for the coach's side: whoever made the referral and the sign-up's currently assigned workers. */
export const coachSide = sql<boolean>`(u.id = r.created_by
  or exists (select 1 from assignment a where a.programme_id = r.programme_id and a.episode_id = r.episode_id and a.worker_id = u.id and a.to_on is null))`;

/**
 * Tells the other side of a referral what just happened to it, in the caller's transaction (so a
 * step that is refused or rolled back tells nobody). Called by referrals/service.ts once a referral
 * is made (`eventId` omitted: its first event), after each step, and when it is marked entered in error.
 *
 * - A live referral sent, a coach's step or note on one, or its marking entered in error (it then
 *   leaves the agency's lists): the agency's active users.
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
    .select(['e.id', 'e.kind', 'e.by_agency', 'r.mode'])
    .where('e.programme_id', '=', programmeId)
    .where('e.referral_id', '=', props.referralId);
  eventQuery = props.eventId ? eventQuery.where('e.id', '=', props.eventId) : eventQuery.orderBy('e.recorded_at').limit(1);
  const event = await eventQuery.executeTakeFirst();
  if (!event || event.mode !== 'live') return 0;

  const kind: NotificationKind = event.by_agency
    ? event.kind === 'note'
      ? 'agency_note'
      : 'referral_answered'
    : event.kind === 'sent'
      ? 'referral_sent'
      : event.kind === 'note'
        ? 'coach_note'
        : 'referral_updated';
  const made = await sql<{ id: string }>`
    insert into notification (programme_id, user_id, kind, referral_id, referral_event_id)
    select r.programme_id, u.id, ${kind}, r.id, ${event.id}
    from referral r
    join app_user u on u.programme_id = r.programme_id and u.active
    where r.programme_id = ${programmeId} and r.id = ${props.referralId} and ${event.by_agency ? coachSide : agencySide}
      and u.id <> ${tx.actor.userId}
    returning id`.execute(tx.db);
  if (made.rows.length > 0) kickMail(tx.afterCommit);
  return made.rows.length;
}
