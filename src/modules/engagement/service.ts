import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { checkChoice } from '../custody/checks.ts';
import { episodeOf, takeOnIfUnallocated } from '../custody/service.ts';
import { authorizePerson } from '../people/access.ts';
import { RANK, type TimelineEntry } from '../people/timeline-entry.ts';
import { OUTCOMES, type ContactInput } from './schemas.ts';

/** Community contacts of a sign-up. Notes come back only to those allowed to read them. */
export async function addContact(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ContactInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (input.contactOn < episode.signed_up_on) throw new ValidationError([{ field: 'contactOn', message: 'The contact must be on or after the sign-up date' }]);
  if (input.contactOn > today(ctx.actor.timeZone)) throw new ValidationError([{ field: 'contactOn', message: 'Date of the contact must be today or in the past' }]);
  await checkChoice(ctx, 'contact_type', input.contactType, 'contactType', 'Select the type of contact');
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('contact')
      .values({
        programme_id: ctx.actor.programmeId,
        episode_id: episode.id,
        contact_on: input.contactOn,
        contact_time: input.contactTime ?? null,
        contact_type: input.contactType,
        outcome: input.outcome,
        help_given: input.helpGiven,
        duration_minutes: input.durationMinutes ?? null,
        worker_id: ctx.actor.userId,
        place: input.place ?? null,
        notes: input.notes ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await takeOnIfUnallocated(tx, episode.id);
    await audit(tx, { action: 'create', recordType: 'contact', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

export async function listContacts(ctx: SignedInCtx, personId: string, episodeId: string, access: Parameters<typeof canReadNotes>[2]) {
  const showNotes = canReadNotes(ctx, personId, access);
  const rows = await ctx.db
    .selectFrom('contact as c')
    .leftJoin('choice as t', (join) => join.onRef('t.programme_id', '=', 'c.programme_id').on('t.list', '=', 'contact_type').onRef('t.code', '=', 'c.contact_type'))
    .leftJoin('app_user as w', 'w.id', 'c.worker_id')
    .select([
      'c.id',
      'c.contact_on as contactOn',
      'c.contact_time as contactTime',
      'c.contact_type as contactType',
      't.label as contactTypeLabel',
      'c.outcome',
      'c.help_given as helpGiven',
      'c.duration_minutes as durationMinutes',
      'c.place',
      'c.notes',
      'w.display_name as workerName',
    ])
    .where('c.episode_id', '=', episodeId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.contact_time', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, notes: showNotes ? row.notes : null, notesHidden: !showNotes && row.notes !== null }));
}

function canReadNotes(ctx: SignedInCtx, personId: string, access: { teamIds: string[]; workerIds: string[]; programmeId: string }) {
  return can(ctx.actor, 'contacts.notes', { kind: 'person', id: personId, programmeId: access.programmeId, access });
}

/** Why a client never engaged or stopped engaging, from the programme's list. */
export async function recordNonEngagement(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; reason: string; note?: string }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  await checkChoice(ctx, 'non_engagement_reason', props.reason, 'reason', 'Select the reason');
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('episode')
      .set({ non_engagement_reason: props.reason, non_engagement_note: props.note ?? null, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', episode.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else changed this sign-up while you were editing it, so the reason was not saved.');
    await audit(tx, { action: 'update', recordType: 'episode', recordId: episode.id, detail: { fields: ['non_engagement_reason'] } });
  });
}

/** Engagement of a sign-up, from the one definition (the episode_engagement view). */
export async function engagementOf(ctx: SignedInCtx, episodeId: string) {
  return ctx.db.selectFrom('episode_engagement').select(['engaged', 'first_contact_on as firstContactOn', 'last_contact_on as lastContactOn']).where('episode_id', '=', episodeId).executeTakeFirstOrThrow();
}

/** Contacts for the person's timeline (no notes: the timeline is a summary). */
export async function contactTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('contact as c')
    .innerJoin('episode as e', 'e.id', 'c.episode_id')
    .leftJoin('choice as t', (join) => join.onRef('t.programme_id', '=', 'c.programme_id').on('t.list', '=', 'contact_type').onRef('t.code', '=', 'c.contact_type'))
    .select(['c.contact_on', 'c.outcome', 't.label', 'c.episode_id'])
    .where('e.person_id', '=', personId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    on: row.contact_on,
    title: `${row.label ?? 'Contact'}${row.outcome === 'happened' ? '' : `: ${OUTCOMES[row.outcome].toLowerCase()}`}`,
    href: `/people/${personId}/sign-ups/${row.episode_id}#contacts`,
    rank: RANK.contact,
  }));
}
