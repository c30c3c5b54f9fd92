import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { storedTime } from '../../http/date-fields.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctRecord } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { serviceWithOrganisation } from '../agencies/directory.ts';
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

/** The directory's service an appointment names, as the agency's text ("Organisation: Service"); undefined when it is not open (unless it is the one the appointment already had). */
async function directoryService(ctx: SignedInCtx, serviceId: string, current?: string | null) {
  const service = await serviceWithOrganisation(ctx, serviceId);
  if (!service || (!service.open && service.id !== current)) return undefined;
  return { id: service.id, text: `${service.organisationName}: ${service.name}`.slice(0, 200) };
}

type DirectoryService = Awaited<ReturnType<typeof directoryService>>;

/** The problems of an appointment, given the directory's service it names as directoryService found it. */
function problemsWith(episode: EpisodeRow, input: Partial<AppointmentInput>, service: DirectoryService): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.appointmentOn && input.appointmentOn < episode.signed_up_on) problems.push({ field: 'appointmentOn', message: 'The appointment must be on or after the sign-up date' });
  if (input.serviceId && !service) problems.push({ field: 'serviceId', message: 'Select a service the directory still lists as open' });
  if (!input.serviceId && !input.agency) problems.push({ field: 'serviceId', message: 'Select the service from the directory, or enter the agency' });
  return problems;
}

const serviceNamed = (ctx: SignedInCtx, input: Partial<AppointmentInput>, current?: string | null) =>
  input.serviceId ? directoryService(ctx, input.serviceId, current) : Promise.resolve(undefined);

/** What is wrong with a day-one appointment against the sign-up and the directory (on the fields given): a date on or after the sign-up, and a service or an agency; `current`, the service it already names, may have closed since. */
export async function appointmentProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<AppointmentInput>, current?: string | null): Promise<FieldProblem[]> {
  return problemsWith(episode, input, await serviceNamed(ctx, input, current));
}

/** The appointment's agency columns: the service chosen (its name as the text), or the agency typed. Refused, changing nothing, when wrong. */
async function appointmentColumns(ctx: SignedInCtx, episode: EpisodeRow, input: AppointmentInput, current?: string | null) {
  const service = await serviceNamed(ctx, input, current);
  throwProblems(problemsWith(episode, input, service));
  return {
    appointment_on: input.appointmentOn,
    appointment_time: storedTime(input.appointmentTime),
    agency: service?.text ?? input.agency ?? '',
    service_id: service?.id ?? null,
    purpose: input.purpose ?? null,
  };
}

export async function addDayOneAppointment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AppointmentInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const columns = await appointmentColumns(ctx, episode, input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('day_one_appointment')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns, created_by: ctx.actor.userId })
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
    changes: (episode, row) => appointmentColumns(ctx, episode, input, row.service_id as string | null),
  });
}
