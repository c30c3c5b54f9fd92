import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { storedTime } from '../../http/date-fields.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctRecord } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import type { AppointmentInput, VisitInput } from './schemas.ts';

/** Pre-release visits and day-one appointments: recorded, corrected, or marked entered in error (casework/corrections.ts). */

const checkVisit = (episode: EpisodeRow, input: VisitInput) => throwProblems(visitProblems(episode, input));

/** What is wrong with a visit's date against the sign-up (none when no date is given). */
export function visitProblems(episode: EpisodeRow, input: Partial<VisitInput>): FieldProblem[] {
  if (!input.visitedOn) return [];
  if (input.visitedOn < episode.signed_up_on) return [{ field: 'visitedOn', message: 'The visit must be on or after the sign-up date' }];
  if (episode.liberated_on && input.visitedOn > episode.liberated_on) return [{ field: 'visitedOn', message: 'A pre-release visit must be on or before the liberation date' }];
  return [];
}

export async function recordVisit(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: VisitInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  checkVisit(episode, input);
  return inTransaction(ctx, async (tx) => {
    const visit = await tx.db
      .insertInto('pre_release_visit')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, visited_on: input.visitedOn, worker_id: ctx.actor.userId, place: input.place ?? null, notes: input.notes ?? null, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'pre-release-visit', recordId: visit.id, detail: { episodeId: episode.id } });
    return visit.id;
  });
}

export async function correctVisit(props: { ctx: SignedInCtx; personId: string; episodeId: string; visitId: string; version: number; input: VisitInput }): Promise<void> {
  const { ctx, input } = props;
  await correctRecord(ctx, {
    ...props,
    table: 'pre_release_visit',
    recordId: props.visitId,
    check: (episode) => checkVisit(episode, input),
    changes: { visited_on: input.visitedOn, place: input.place ?? null, notes: input.notes ?? null },
  });
}

const checkAppointment = (episode: EpisodeRow, input: AppointmentInput) => throwProblems(appointmentProblems(episode, input));

/** What is wrong with a day-one appointment's date against the sign-up (none when no date is given). */
export function appointmentProblems(episode: EpisodeRow, input: Partial<AppointmentInput>): FieldProblem[] {
  return input.appointmentOn && input.appointmentOn < episode.signed_up_on ? [{ field: 'appointmentOn', message: 'The appointment must be on or after the sign-up date' }] : [];
}

export async function addDayOneAppointment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AppointmentInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  checkAppointment(episode, input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('day_one_appointment')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, appointment_on: input.appointmentOn, appointment_time: storedTime(input.appointmentTime), agency: input.agency, purpose: input.purpose ?? null, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'day-one-appointment', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

export async function correctAppointment(props: { ctx: SignedInCtx; personId: string; episodeId: string; appointmentId: string; version: number; input: AppointmentInput }): Promise<void> {
  const { ctx, input } = props;
  await correctRecord(ctx, {
    ...props,
    table: 'day_one_appointment',
    recordId: props.appointmentId,
    check: (episode) => checkAppointment(episode, input),
    changes: { appointment_on: input.appointmentOn, appointment_time: storedTime(input.appointmentTime), agency: input.agency, purpose: input.purpose ?? null },
  });
}
