import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { datePartsOf, isoDate, todaysDateParts } from '../../http/date-fields.ts';
import { formState } from '../../http/forms.ts';
import { timeForForm } from '../../http/time-field.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { correctionRoute, enteredInErrorRoutes, recordParams } from '../casework/correction-routes.ts';
import { caseworkForm, caseworkRoute, ctxOf } from '../casework/route.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { searchDirectory } from '../agencies/search.ts';
import { addDayOneAppointment, appointmentProblems, correctAppointment, correctVisit, recordVisit, visitProblems } from './pre-release.ts';
import { appointmentCorrectionForm, appointmentForm, visitBody, visitCorrectionBody, visitCorrectionForm, visitForm } from './schemas.ts';

const tags = ['Sign-ups'];
const time = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30 or 14:00');
export const appointmentBody = z.object({
  appointmentOn: isoDate('the date of the appointment'),
  appointmentTime: time.optional(),
  serviceId: z.uuid().optional().describe('A service from the agency directory: its organisation and service name become the agency'),
  agency: z.string().trim().min(1, 'Enter the agency').max(200).optional().describe('An agency not in the directory (needed when no serviceId is given)'),
  purpose: z.string().trim().max(1000).optional(),
});
const nothing = { 204: z.null(), ...problemResponses };

/** The directory's open services for the day-one appointment form, with the one chosen (if any) selected. */
async function directoryServiceItems(ctx: SignedInCtx, chosen: unknown) {
  const services = await searchDirectory(ctx, {});
  return {
    serviceItems: [
      { value: '', text: services.length ? 'Not in the directory: enter the agency below' : 'The directory has no services yet' },
      ...services.map((s) => ({ value: s.id, text: `${s.organisationName}: ${s.name}`, selected: s.id === chosen })),
    ],
  };
}

/** Pages and API for pre-release visits and day-one appointments: record, correct, mark entered in error. */
export function preReleaseRoutes(app: FastifyInstance) {
  caseworkRoute(app, 'visits', (request, reply) =>
    caseworkForm({
      request,
      reply,
      template: 'custody/views/visit.njk',
      title: 'Record a pre-release visit',
      schema: visitForm,
      dates: ['visitedOn'],
      form: formState(todaysDateParts('visitedOn', ctxOf(request).actor.timeZone)),
      check: async (input, { episode }) => visitProblems(episode, input),
      work: async (input, ids) => {
        await recordVisit({ ...ids, input: { ...input, visitedOn: input.visitedOn ?? '' } });
        return 'Visit recorded';
      },
    }),
  );

  caseworkRoute(app, 'appointments', async (request, reply) =>
    caseworkForm({
      request,
      reply,
      template: 'custody/views/appointment.njk',
      title: 'Arrange a day-one appointment',
      schema: appointmentForm,
      dates: ['appointmentOn'],
      check: async (input, { ctx, episode }) => appointmentProblems(ctx, episode, input),
      view: await directoryServiceItems(ctxOf(request), (request.body as Record<string, unknown> | undefined)?.serviceId),
      work: async (input, ids) => {
        await addDayOneAppointment({ ...ids, input: { ...input, appointmentOn: input.appointmentOn ?? '' } });
        return 'Day-one appointment added';
      },
    }),
  );

  correctionRoute(app, {
    path: 'visits',
    table: 'pre_release_visit',
    template: 'custody/views/visit.njk',
    title: 'Correct a pre-release visit',
    schema: visitCorrectionForm,
    dates: ['visitedOn'],
    check: async (input, { episode }) => visitProblems(episode, input),
    valuesOf: (row) => ({ ...datePartsOf('visitedOn', row.visited_on as string | null), place: row.place ?? '', notes: row.notes ?? '' }),
    save: async ({ data: { version, visitedOn, ...input }, recordId, ...ids }) => correctVisit({ ...ids, visitId: recordId, version, input: { ...input, visitedOn: visitedOn ?? '' } }),
    done: 'Visit corrected',
  });

  correctionRoute(app, {
    path: 'appointments',
    table: 'day_one_appointment',
    template: 'custody/views/appointment.njk',
    title: 'Correct a day-one appointment',
    schema: appointmentCorrectionForm,
    dates: ['appointmentOn'],
    check: async (input, { ctx, episode, row }) => appointmentProblems(ctx, episode, input, row.service_id as string | null),
    valuesOf: (row) => ({
      ...datePartsOf('appointmentOn', row.appointment_on as string),
      appointmentTime: timeForForm(row.appointment_time),
      serviceId: row.service_id ?? '',
      agency: row.service_id ? '' : row.agency,
      purpose: row.purpose ?? '',
    }),
    view: async (request, values) => directoryServiceItems(ctxOf(request), values.serviceId),
    save: async ({ data: { version, appointmentOn, ...input }, recordId, ...ids }) =>
      correctAppointment({ ...ids, appointmentId: recordId, version, input: { ...input, appointmentOn: appointmentOn ?? '' } }),
    done: 'Appointment corrected',
  });

  enteredInErrorRoutes(app, {
    path: 'visits',
    table: 'pre_release_visit',
    tags,
    summary: ({ row }) => `Pre-release visit ${row.visited_on ? `on ${formatCalendarDate(row.visited_on as string)}` : '(date not recorded)'}${row.place ? `, ${String(row.place)}` : ''}`,
  });
  enteredInErrorRoutes(app, {
    path: 'appointments',
    table: 'day_one_appointment',
    tags,
    summary: ({ row }) => `Day-one appointment with ${String(row.agency)} on ${formatCalendarDate(row.appointment_on as string)}`,
  });

  const api = apiOf(app);
  api.put('/api/v1/people/:personId/sign-ups/:episodeId/visits/:recordId', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a pre-release visit (from the version you read)', params: recordParams, body: visitCorrectionBody, response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await correctVisit({ ctx: ctxOf(request), ...request.params, visitId: request.params.recordId, version, input });
    return reply.code(204).send(null);
  });

  api.put('/api/v1/people/:personId/sign-ups/:episodeId/appointments/:recordId', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Correct a day-one appointment (from the version you read)', params: recordParams, body: appointmentBody.extend({ version: z.number().int().min(1) }), response: nothing },
  }, async (request, reply) => {
    const { version, ...input } = request.body;
    await correctAppointment({ ctx: ctxOf(request), ...request.params, appointmentId: request.params.recordId, version, input });
    return reply.code(204).send(null);
  });

  api.post('/api/v1/people/:personId/sign-ups/:episodeId/visits', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Record a pre-release visit', params: recordParams.omit({ recordId: true }), body: visitBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await recordVisit({ ctx: ctxOf(request), ...request.params, input: request.body }) }));

  api.post('/api/v1/people/:personId/sign-ups/:episodeId/appointments', {
    config: { access: 'people.write' },
    schema: { tags, summary: 'Arrange a day-one appointment', params: recordParams.omit({ recordId: true }), body: appointmentBody, response: { 201: z.object({ id: z.uuid() }), ...problemResponses } },
  }, async (request, reply) => reply.code(201).send({ id: await addDayOneAppointment({ ctx: ctxOf(request), ...request.params, input: request.body }) }));
}
