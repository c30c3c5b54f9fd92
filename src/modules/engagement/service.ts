import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { storedTime, today } from '../../http/date-fields.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import { canReadNotes, type PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { takeOnIfUnassigned } from '../casework/assignments.ts';
import { choiceProblems } from '../casework/choices.ts';
import { correctRecord, withMayCorrect } from '../casework/corrections.ts';
import { saveEpisode, writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { workerNameOrWritten } from '../casework/worker-name.ts';
import { authorizePerson } from '../people/access.ts';
import { recordAppointmentContact } from '../appointments/service.ts';
import { OUTCOMES, type ContactInput } from './schemas.ts';

async function checkContact(ctx: SignedInCtx, episode: EpisodeRow, input: ContactInput, keptType?: unknown) {
  throwProblems(await contactProblems(ctx, episode, input, keptType));
}

/**
 * What is wrong with a contact against the sign-up and the list of contact types, on the fields
 * given; `keptType` is the type of the contact being corrected, allowed though no longer in use.
 */
export async function contactProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<ContactInput>, keptType?: unknown): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.contactOn && input.contactOn < episode.signed_up_on) problems.push({ field: 'contactOn', message: 'The contact must be on or after the sign-up date' });
  if (input.contactOn && input.contactOn > today(ctx.actor.timeZone)) problems.push({ field: 'contactOn', message: 'Date of the contact must be today or in the past' });
  problems.push(...(await choiceProblems(ctx, 'contact_type', input.contactType, 'contactType', 'Select the type of contact', keptType)));
  return problems;
}

const contactColumns = (input: ContactInput) => ({
  contact_on: input.contactOn,
  contact_time: storedTime(input.contactTime),
  contact_type: input.contactType,
  outcome: input.outcome,
  help_given: input.helpGiven,
  duration_minutes: input.durationMinutes ?? null,
  place: input.place ?? null,
  notes: input.notes ?? null,
});

/** Records a community contact (and what happened to the planned appointment it records); a community life coach working with an unassigned client takes them on. */
export async function addContact(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ContactInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  await checkContact(ctx, episode, input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('contact')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...contactColumns(input), worker_id: ctx.actor.userId, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.appointmentId)
      await recordAppointmentContact(tx, { episodeId: episode.id, appointmentId: input.appointmentId, contactId: row.id, happened: input.outcome === 'happened', outcome: OUTCOMES[input.outcome] });
    await takeOnIfUnassigned(tx, { episodeId: episode.id, reason: 'Recorded a contact with them' });
    await audit(tx, { action: 'create', recordType: 'contact', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

/** Corrects a contact (its recorder or a team leader), from `version`; engagement is worked out again by the database. */
export async function correctContact(props: { ctx: SignedInCtx; personId: string; episodeId: string; contactId: string; version: number; input: ContactInput }): Promise<void> {
  const { ctx, input } = props;
  await correctRecord(ctx, { ...props, table: 'contact', recordId: props.contactId, check: (episode, row) => checkContact(ctx, episode, input, row.contact_type), changes: contactColumns(input) });
}

/**
 * A sign-up's contacts, newest first. Notes come back only to those who may read them (the client's
 * assigned workers and their team leader); others see that a contact happened. Each says whether the
 * viewer may correct it.
 */
export async function listContacts(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const showNotes = canReadNotes(ctx.actor, props.access);
  const rows = await ctx.db
    .selectFrom('contact as c')
    .leftJoin('choice as t', (join) => join.onRef('t.programme_id', '=', 'c.programme_id').on('t.list', '=', 'contact_type').onRef('t.code', '=', 'c.contact_type'))
    .leftJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'c.programme_id').onRef('w.id', '=', 'c.worker_id'))
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
      workerNameOrWritten('c'),
      'c.created_by as createdBy',
      'c.version',
      'c.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.episode_id', '=', props.episodeId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.contact_time', 'desc')
    .orderBy('c.created_at', 'desc')
    .execute();
  return withMayCorrect(ctx, props, rows).map((row) => ({ ...row, notes: showNotes ? row.notes : null, notesHidden: !showNotes && row.notes !== null }));
}

/** Why a client never engaged or stopped engaging, from the programme's list. */
export async function recordNonEngagement(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; reason: string; note?: string }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(await choiceProblems(ctx, 'non_engagement_reason', props.reason, 'reason', 'Select the reason', episode.non_engagement_reason));
  await inTransaction(ctx, (tx) =>
    saveEpisode(tx, { episodeId: episode.id, version: props.version, set: { non_engagement_reason: props.reason, non_engagement_note: props.note ?? null }, what: 'reason' }),
  );
}

/** Engagement of a sign-up, from the one definition (kept on the sign-up by the database). */
export async function engagementOf(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('episode')
    .select(['engaged', 'first_contact_on as firstContactOn', 'last_contact_on as lastContactOn'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', episodeId)
    .executeTakeFirstOrThrow();
}

/** Contacts for the person's timeline (no notes: the timeline is a summary); those entered in error struck through. */
export async function contactTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('contact as c')
    .innerJoin('episode as e', (join) => join.onRef('e.programme_id', '=', 'c.programme_id').onRef('e.id', '=', 'c.episode_id'))
    .leftJoin('choice as t', (join) => join.onRef('t.programme_id', '=', 'c.programme_id').on('t.list', '=', 'contact_type').onRef('t.code', '=', 'c.contact_type'))
    .select(['c.contact_on', 'c.outcome', 't.label', 'c.episode_id', 'c.entered_in_error_reason'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    on: row.contact_on,
    title: `${row.label ?? 'Contact'}${row.outcome === 'happened' ? '' : `: ${OUTCOMES[row.outcome].toLowerCase()}`}`,
    detail: inError(row.entered_in_error_reason),
    href: `/people/${personId}/sign-ups/${row.episode_id}/contacts-and-visits`,
    rank: RANK.contact,
    struck: row.entered_in_error_reason !== null,
  }));
}
