import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import { can } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';
import { referralHref as portalReferralHref } from '../referrals/portal/lists.ts';
import { referralHref as coachReferralHref } from '../referrals/queries.ts';
import { unreadOfUser, type HeaderNotifications } from './unread.ts';
import { notificationText } from './words.ts';

/** Notifications a page of the list shows. */
const PAGE_SIZE = 25;

/**
 * A signed-in user's unread count and e-mail choice, for the API: one indexed query. A page's are
 * read with its session instead (findActiveSession), which saves a query on every page.
 */
export async function headerNotifications(db: Kysely<Database>, actor: Actor): Promise<HeaderNotifications> {
  const row = await db
    .selectFrom('app_user as u')
    .select(['u.email_notifications', unreadOfUser])
    .where('u.programme_id', '=', actor.programmeId)
    .where('u.id', '=', actor.userId)
    .executeTakeFirst();
  return { unread: row?.unread ?? 0, emailNotifications: row?.email_notifications ?? false };
}

/** Where a notification's referral is seen: the agency's portal page, or the referral on the client's sign-up. */
function referralHref(actor: Actor, ids: { personId: string; episodeId: string; referralId: string }): string {
  return actor.role === 'partner_agency' ? portalReferralHref(ids.referralId) : coachReferralHref(ids, ids.referralId);
}

/** The actor's own notifications, newest first, a page at a time (page 1 is the newest). */
export async function listNotifications(ctx: SignedInCtx, page: number) {
  const { actor } = ctx;
  const rows = await ctx.db
    .selectFrom('notification as n')
    .innerJoin('referral as r', (join) => join.onRef('r.programme_id', '=', 'n.programme_id').onRef('r.id', '=', 'n.referral_id'))
    .innerJoin('episode as ep', (join) => join.onRef('ep.programme_id', '=', 'r.programme_id').onRef('ep.id', '=', 'r.episode_id'))
    .leftJoin('referral_event as e', (join) => join.onRef('e.programme_id', '=', 'n.programme_id').onRef('e.id', '=', 'n.referral_event_id'))
    .leftJoin('agency_organisation as o', (join) => join.onRef('o.programme_id', '=', 'r.programme_id').onRef('o.id', '=', 'r.organisation_id'))
    .leftJoin('agency_service as s', (join) => join.onRef('s.programme_id', '=', 'r.programme_id').onRef('s.id', '=', 'r.service_id'))
    .select([
      'n.id',
      'n.kind',
      'n.due_on',
      'n.created_at',
      'n.read_at',
      'e.kind as event_kind',
      'o.name as organisation_name',
      's.name as service_name',
      'r.entered_in_error_at',
      'r.agency_name',
      'r.id as referral_id',
      'ep.id as episode_id',
      'ep.person_id',
    ])
    .where('n.programme_id', '=', actor.programmeId)
    .where('n.user_id', '=', actor.userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const items = rows.slice(0, PAGE_SIZE).map((row) => ({
    id: row.id,
    text: notificationText({
      kind: row.kind,
      eventKind: row.event_kind,
      organisationName: row.organisation_name ?? row.agency_name,
      serviceName: row.service_name,
      dueOn: row.due_on,
    }),
    kind: row.kind,
    createdAt: row.created_at,
    unread: row.read_at === null,
    referralId: row.referral_id,
    referralPath: referralHref(actor, { personId: row.person_id, episodeId: row.episode_id, referralId: row.referral_id }),
    // A referral later marked entered in error is gone from the agency's lists and counts nowhere: no link to it.
    enteredInError: row.entered_in_error_at !== null,
    // The list says so beside the referral's earlier notices (the notice of the marking says it itself).
    laterInError: row.entered_in_error_at !== null && row.event_kind !== 'entered_in_error',
  }));
  return { items, page, hasNext: rows.length > PAGE_SIZE };
}

/**
 * Marks one of the actor's notifications read and says where its referral is; null when it is not
 * theirs. A referral entered in error is no longer the agency's to open: its users go back to their list.
 */
export async function followNotification(ctx: SignedInCtx, notificationId: string): Promise<string | null> {
  const { actor } = ctx;
  const row = await ctx.db
    .updateTable('notification as n')
    .set({ read_at: sql`coalesce(n.read_at, now())` })
    .from('referral as r')
    .innerJoin('episode as ep', (join) => join.onRef('ep.programme_id', '=', 'r.programme_id').onRef('ep.id', '=', 'r.episode_id'))
    .whereRef('r.programme_id', '=', 'n.programme_id')
    .whereRef('r.id', '=', 'n.referral_id')
    .where('n.programme_id', '=', actor.programmeId)
    .where('n.user_id', '=', actor.userId)
    .where('n.id', '=', notificationId)
    .returning(['r.id as referral_id', 'r.organisation_id', 'r.mode', 'r.entered_in_error_at', 'ep.id as episode_id', 'ep.person_id'])
    .executeTakeFirst();
  if (!row) return null;
  // The agency's page opens only what policy lets them answer (not a referral entered in error).
  const referral = {
    kind: 'referral' as const,
    id: row.referral_id,
    programmeId: actor.programmeId,
    organisationId: row.organisation_id,
    mode: row.mode,
    enteredInError: row.entered_in_error_at !== null,
  };
  if (actor.role === 'partner_agency' && !can(actor, 'referrals.answer', referral)) return '/notifications';
  return referralHref(actor, { personId: row.person_id, episodeId: row.episode_id, referralId: row.referral_id });
}

/** Marks every unread notification of the actor's read; returns how many. */
export async function markAllRead(ctx: SignedInCtx): Promise<number> {
  const result = await ctx.db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The user's own choice of an e-mail for each notification (audited as a change to their account). */
export async function setEmailChoice(ctx: SignedInCtx, emailNotifications: boolean): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('app_user')
      .set({ email_notifications: emailNotifications, updated_at: sql`now()`, version: sql`version + 1` })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', ctx.actor.userId)
      .execute();
    await audit(tx, { action: 'update', recordType: 'user', recordId: ctx.actor.userId, detail: { fields: ['email_notifications'], emailNotifications } });
  });
}
