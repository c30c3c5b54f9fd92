import { sql, type Selectable } from 'kysely';
import type { ReferralTable } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { storedTime, today } from '../../http/date-fields.ts';
import { ConflictError, NotFoundError, throwProblems } from '../../http/errors.ts';
import { authorize } from '../../http/access.ts';
import { audit } from '../audit/record.ts';
import { findEpisode, writableEpisode } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { notifyReferralEvent } from '../notifications/notify.ts';
import { DAYS_TO_ANSWER, statusAfter, stepProblems, stepRefusal, type Side, type Step, type StepInput } from './lifecycle.ts';
import { referralProblems, type ReferralInput } from './sending.ts';

export type ReferralRow = Selectable<ReferralTable>;

/** The rules' view of a stored referral. */
export const stateOf = (row: ReferralRow) => ({
  mode: row.mode,
  status: row.status,
  sentOn: row.sent_on,
  appointmentOn: row.appointment_on,
  enteredInError: row.entered_in_error_at !== null,
});

/**
 * Makes a referral from a sign-up: sent to the agency through Throughcare ("live"), or recorded as
 * made another way ("logged"). Refused, changing nothing, when the rules in sending.ts find a problem.
 */
export async function makeReferral(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ReferralInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const { problems, service } = await referralProblems(ctx, episode, input);
  throwProblems(problems);
  const mode = input.how === 'send' ? 'live' : 'logged';
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('referral')
      .values({
        programme_id: ctx.actor.programmeId,
        episode_id: episode.id,
        service_id: service?.id ?? null,
        organisation_id: service?.organisationId ?? null,
        agency_name: service ? null : (input.agencyName ?? null),
        mode,
        need_domain: input.needDomain,
        reason: input.reason,
        urgency: input.urgency,
        shared: input.consent === 'given' ? input.shared : [],
        shared_note: input.consent === 'given' ? (input.sharedNote ?? null) : null,
        consent: input.consent,
        consent_how: input.consent === 'given' ? (input.consentHow ?? null) : null,
        consent_on: input.consentOn,
        consent_recorded_by: ctx.actor.userId,
        sent_on: input.sentOn,
        answer_due_on: sql<string>`${input.sentOn}::date + ${DAYS_TO_ANSWER[input.urgency]}::int`,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('referral_event')
      .values({ programme_id: ctx.actor.programmeId, referral_id: row.id, kind: mode === 'live' ? 'sent' : 'logged', happened_on: input.sentOn, recorded_by: ctx.actor.userId })
      .execute();
    await audit(tx, { action: 'create', recordType: 'referral', recordId: row.id, detail: { episodeId: episode.id, mode } });
    await notifyReferralEvent(tx, { referralId: row.id });
    return row.id;
  });
}

/** A referral of the actor's programme, by id. */
export async function findReferral(ctx: SignedInCtx, referralId: string): Promise<ReferralRow> {
  const row = await ctx.db.selectFrom('referral').selectAll().where('programme_id', '=', ctx.actor.programmeId).where('id', '=', referralId).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** A referral of the sign-up the route names, for its coach (who must be able to see the person), with who works with the person and the sign-up. */
export async function coachReferral(ctx: SignedInCtx, ids: { personId: string; episodeId: string; referralId: string }, action: 'people.read' | 'people.write') {
  const access = await authorizePerson(ctx, ids.personId, action);
  const episode = await findEpisode(ctx, ids.personId, ids.episodeId);
  const referral = await findReferral(ctx, ids.referralId);
  if (referral.episode_id !== ids.episodeId) throw new NotFoundError();
  return { referral, access, episode };
}

/** A referral sent to the actor's agency: anything else is "not found" to them (and the refusal audited). */
export async function agencyReferral(ctx: SignedInCtx, referralId: string): Promise<ReferralRow> {
  const referral = await ctx.db.selectFrom('referral').selectAll().where('programme_id', '=', ctx.actor.programmeId).where('id', '=', referralId).executeTakeFirst();
  if (!referral) throw new NotFoundError();
  await authorize(ctx, 'referrals.answer', {
    kind: 'referral',
    id: referral.id,
    programmeId: referral.programme_id,
    organisationId: referral.organisation_id,
    mode: referral.mode,
    enteredInError: referral.entered_in_error_at !== null,
  });
  return referral;
}

/** The coach records a step of a referral on the sign-up (a logged referral's every step; a live one's attendance, closing, withdrawal, notes). */
export async function recordCoachStep(props: { ctx: SignedInCtx; personId: string; episodeId: string; referralId: string; version: number; step: Step; input: StepInput }) {
  const { referral } = await coachReferral(props.ctx, props, 'people.write');
  await recordStep(props.ctx, referral, 'coach', props);
}

/** The agency's user records a step of a referral sent to them. */
export async function recordAgencyStep(props: { ctx: SignedInCtx; referralId: string; version: number; step: Step; input: StepInput }) {
  const referral = await agencyReferral(props.ctx, props.referralId);
  await recordStep(props.ctx, referral, 'agency', props);
}

/** A refused step is a 409 naming why; a step whose details are wrong, the form's problems. */
export class StepRefusedError extends ConflictError {}

async function recordStep(ctx: SignedInCtx, referral: ReferralRow, side: Side, props: { version: number; step: Step; input: StepInput }) {
  const { step, input } = props;
  const state = stateOf(referral);
  const refusal = stepRefusal(state, step, side);
  if (refusal) throw new StepRefusedError(refusal);
  throwProblems(stepProblems(state, step, input, today(ctx.actor.timeZone)));
  await inTransaction(ctx, async (tx) => {
    const event = await tx.db
      .insertInto('referral_event')
      .values({
        programme_id: ctx.actor.programmeId,
        referral_id: referral.id,
        kind: step,
        happened_on: input.happenedOn,
        recorded_by: ctx.actor.userId,
        by_agency: side === 'agency',
        decline_reason: input.declineReason ?? null,
        appointment_on: input.appointmentOn ?? null,
        appointment_time: storedTime(input.appointmentTime),
        accompanied: input.accompanied ?? null,
        outcome_result: input.outcomeResult ?? null,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const updated = await tx.db
      .updateTable('referral')
      .set({ ...stepColumns(referral, step, input), status: statusAfter(referral.status, step), version: sql`version + 1`, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', referral.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError('Someone else recorded a step of this referral while you were looking at it, so yours was not saved. Look at it again.');
    await audit(tx, { action: 'update', recordType: 'referral', recordId: referral.id, detail: { episodeId: referral.episode_id, step, eventId: event.id, side } });
    await notifyReferralEvent(tx, { referralId: referral.id, eventId: event.id });
  });
}

/** The referral's columns a step sets, besides its status. */
function stepColumns(referral: ReferralRow, step: Step, input: StepInput) {
  switch (step) {
    case 'accepted':
      return { answered_on: input.happenedOn };
    case 'declined':
      return { answered_on: input.happenedOn, decline_reason: input.declineReason ?? null, closed_on: input.happenedOn };
    case 'appointment_booked':
      return { appointment_on: input.appointmentOn ?? null, appointment_time: storedTime(input.appointmentTime), first_appointment_on: referral.first_appointment_on ?? input.appointmentOn ?? null };
    case 'attended':
      return { attended_on: referral.attended_on ?? input.happenedOn, accompanied: (referral.accompanied ?? false) || (input.accompanied ?? false) };
    case 'outcome_recorded':
      return { outcome_result: input.outcomeResult ?? null, outcome_note: input.note ?? null };
    case 'closed':
      return { closed_on: input.happenedOn };
    case 'withdrawn':
      return { closed_on: input.happenedOn, withdrawn_reason: input.note ?? null };
    default:
      return {};
  }
}

/** Marks a referral entered in error, with the reason: kept, shown struck through, counted nowhere, and gone from the agency's lists (whose users are told). */
export async function markReferralInError(props: { ctx: SignedInCtx; personId: string; episodeId: string; referralId: string; version: number; reason: string }) {
  const { ctx } = props;
  const { referral, access } = await coachReferral(ctx, props, 'people.write');
  await authorize(ctx, 'casework.correct', { kind: 'casework-record', id: referral.id, programmeId: referral.programme_id, createdBy: referral.created_by, access });
  if (referral.entered_in_error_at) throw new StepRefusedError('This referral is already marked entered in error.');
  await inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .updateTable('referral')
      .set({ entered_in_error_at: sql`now()`, entered_in_error_by: ctx.actor.userId, entered_in_error_reason: props.reason, version: sql`version + 1`, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', referral.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ConflictError();
    const event = await tx.db
      .insertInto('referral_event')
      .values({ programme_id: ctx.actor.programmeId, referral_id: referral.id, kind: 'entered_in_error', happened_on: today(ctx.actor.timeZone), recorded_by: ctx.actor.userId, note: props.reason })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'update', recordType: 'referral', recordId: referral.id, detail: { episodeId: referral.episode_id, enteredInError: true } });
    // The agency's users lose it from their lists: they are told, as of any other step of the coach's.
    await notifyReferralEvent(tx, { referralId: referral.id, eventId: event.id });
  });
}
