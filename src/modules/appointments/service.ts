import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { datePartsOf, storedTime, today } from '../../http/date-fields.ts';
import { timeForForm } from '../../http/time-field.ts';
import type { AppointmentPlace } from '../../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctRecord } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { diaryWorkers } from './queries.ts';
import { appointmentProblems, PLACES, type AppointmentInput, type AppointmentRules } from './schemas.ts';

/**
 * Planned work: appointments a worker plans ahead with a client. Planned by the client's
 * caseworkers (people.write, like contacts) into their own diary or a current co-worker's; later
 * kept (its contact recorded), cancelled or missed; corrected or marked entered in error like every
 * record people enter (casework/corrections.ts).
 */

/** The rules an appointment on this sign-up must follow (`also`: workers allowed besides the current ones). */
export async function appointmentRules(ctx: SignedInCtx, episode: EpisodeRow, props: { isNew: boolean; also?: string[] }): Promise<AppointmentRules> {
  const workers = await diaryWorkers(ctx, episode.id, props.also);
  return { today: today(ctx.actor.timeZone), signedUpOn: episode.signed_up_on, workerIds: workers.map((w) => w.id), isNew: props.isNew };
}

function check(input: AppointmentInput, rules: AppointmentRules) {
  const problems = appointmentProblems(input, rules);
  if (problems.length > 0) throw new ValidationError(problems);
}

const columns = (ctx: SignedInCtx, input: AppointmentInput) => ({
  planned_on: input.plannedOn,
  planned_time: storedTime(input.plannedTime),
  place: input.place,
  with_whom: input.withWhom ?? null,
  purpose: input.purpose ?? null,
  worker_id: input.workerId ?? ctx.actor.userId,
});

/** Plans an appointment on an open sign-up, for today or later, in the planner's diary unless another worker of the client's is named. */
export async function planAppointment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AppointmentInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  check(input, await appointmentRules(ctx, episode, { isNew: true }));
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('appointment')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns(ctx, input), created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'appointment', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

/** Corrects an appointment (its planner or a team leader) from `version`: its date may be past, not before the sign-up. */
export async function correctAppointment(props: {
  ctx: SignedInCtx;
  personId: string;
  episodeId: string;
  appointmentId: string;
  version: number;
  input: AppointmentInput;
}) {
  const { ctx, input } = props;
  await correctRecord(ctx, {
    ...props,
    table: 'appointment',
    recordId: props.appointmentId,
    check: async (episode, row) => check(input, await appointmentRules(ctx, episode, { isNew: false, also: [String(row.worker_id)] })),
    changes: input.workerId ? columns(ctx, input) : withoutWorker(columns(ctx, input)),
  });
}

/** A correction that names no worker (the API's may not) leaves the appointment in its worker's diary. */
const withoutWorker = ({ worker_id: _worker, ...rest }: ReturnType<typeof columns>) => rest;

/** An appointment of this sign-up, for someone who may work with the person; not found when in error or elsewhere. */
export async function loadAppointment(ctx: SignedInCtx, props: { personId: string; episodeId: string; appointmentId: string }) {
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const row = await ctx.db
    .selectFrom('appointment')
    .selectAll()
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('episode_id', '=', episode.id)
    .where('id', '=', props.appointmentId)
    .where('entered_in_error_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  await audit(ctx, { action: 'read', recordType: 'appointment', recordId: row.id, detail: { episodeId: episode.id } });
  return { episode, row };
}

const notPlanned = (status: string) =>
  new ValidationError([
    {
      field: 'form',
      message: `This appointment is already recorded as ${status}, so it cannot be changed here. Correct it, or mark it entered in error, instead`,
    },
  ]);

/** Records that a planned appointment was cancelled or missed, with an optional reason (the client's caseworkers). */
export async function setAppointmentStatus(props: {
  ctx: SignedInCtx;
  personId: string;
  episodeId: string;
  appointmentId: string;
  version: number;
  status: 'cancelled' | 'missed';
  reason?: string;
}): Promise<void> {
  const { ctx } = props;
  const { row } = await loadAppointment(ctx, props);
  if (row.status !== 'planned') throw notPlanned(row.status);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('appointment')
      .set({ status: props.status, status_reason: props.reason ?? null, version: sql`version + 1`, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', row.id)
      .where('version', '=', props.version)
      .where('status', '=', 'planned')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new ConflictError('Someone else changed this appointment while you were looking at it, so it was not updated.');
    await audit(tx, { action: 'update', recordType: 'appointment', recordId: row.id, detail: { episodeId: row.episode_id, status: props.status } });
  });
}

/**
 * Inside the transaction recording a contact from a planned appointment: the appointment is kept
 * (pointing at the contact) when the contact happened, and missed, with the contact's outcome as the
 * reason, when it did not. Refused when it is not a planned appointment of the sign-up.
 */
export async function recordAppointmentContact(
  tx: SignedInCtx,
  props: { episodeId: string; appointmentId: string; contactId: string; happened: boolean; outcome: string },
): Promise<void> {
  const set = props.happened ? { status: 'kept' as const, contact_id: props.contactId } : { status: 'missed' as const, status_reason: props.outcome };
  const result = await tx.db
    .updateTable('appointment')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()`, updated_by: tx.actor.userId })
    .where('programme_id', '=', tx.actor.programmeId)
    .where('episode_id', '=', props.episodeId)
    .where('id', '=', props.appointmentId)
    .where('status', '=', 'planned')
    .where('entered_in_error_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new ValidationError([
      { field: 'form', message: 'The appointment this contact was for has already been recorded (or was entered in error), so the contact was not saved' },
    ]);
  await audit(tx, {
    action: 'update',
    recordType: 'appointment',
    recordId: props.appointmentId,
    detail: { episodeId: props.episodeId, status: set.status, contactId: props.contactId },
  });
}

/** The contact form's values from a planned appointment (`?appointment=`): nothing when it is not one of the sign-up's planned appointments. */
export async function contactValuesFrom(ctx: SignedInCtx, props: { personId: string; episodeId: string; appointmentId: unknown }) {
  if (typeof props.appointmentId !== 'string' || !/^[0-9a-f-]{36}$/i.test(props.appointmentId)) return {};
  const { row } = await loadAppointment(ctx, { ...props, appointmentId: props.appointmentId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return { row: null };
    throw error;
  });
  if (!row || row.status !== 'planned') return {};
  const now = today(ctx.actor.timeZone);
  return {
    ...datePartsOf('contactOn', row.planned_on <= now ? row.planned_on : now),
    contactTime: timeForForm(row.planned_time),
    contactType: CONTACT_TYPE_FOR[row.place] ?? 'face_to_face',
    place: [PLACES[row.place], row.with_whom].filter(Boolean).join(': '),
    notes: row.purpose ?? '',
    appointmentId: row.id,
  };
}

/** The contact type a place suggests (the programme's list may not have it: then none is chosen). */
const CONTACT_TYPE_FOR: Partial<Record<AppointmentPlace, string>> = { phone: 'phone', home: 'home_visit' };
