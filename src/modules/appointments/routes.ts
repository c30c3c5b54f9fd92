import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import { timeForForm } from '../../http/time-field.ts';
import type { AppointmentPlace } from '../../db/schema.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes, recordParams } from '../casework/correction-routes.ts';
import { episodeHref, writableEpisode } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { appointmentApiRoutes } from './api-routes.ts';
import { diaryRoutes } from './diary-routes.ts';
import { diaryWorkers } from './queries.ts';
import { appointmentCorrectionForm, appointmentForm, PLACES, statusForm, UNKEPT } from './schemas.ts';
import { appointmentRules, correctAppointment, loadAppointment, planAppointment, setAppointmentStatus } from './service.ts';
import { appointmentHrefs } from './sign-up-section.ts';

const PATH = 'planned-appointments';

/** The form's choices (places in words; whose diary: the planner and the sign-up's workers), with the values given chosen. */
async function choices(request: FastifyRequest, values: Record<string, unknown>, also: string[] = []) {
  const { episodeId } = episodeParams.parse(request.params);
  const workers = await diaryWorkers(ctxOf(request), episodeId, also);
  return {
    places: Object.entries(PLACES).map(([value, text]) => ({ value, text, checked: value === values.place })),
    workers: workers.map((w) => ({ value: w.id, text: w.name, selected: w.id === values.workerId })),
  };
}

/** What an appointment is, in a sentence (above the forms that change it). */
const summary = (row: Record<string, unknown>) =>
  `Appointment on ${formatCalendarDate(String(row.planned_on))}${row.planned_time ? ` at ${timeForForm(row.planned_time)}` : ''}: ${PLACES[row.place as AppointmentPlace]}${row.with_whom ? `, ${String(row.with_whom)}` : ''}`;

/** Planned work: plan, record what happened, correct, enter in error; and the diary. */
export function appointmentRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, `${PATH}/new`, async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    await authorizePerson(ctx, personId, 'people.write');
    const episode = await writableEpisode(ctx, personId, episodeId);
    const values = (request.method === 'GET' ? { workerId: ctx.actor.userId } : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      checked: episode,
      template: 'appointments/views/appointment.njk',
      title: 'Plan an appointment',
      schema: appointmentForm(await appointmentRules(ctx, episode, { isNew: true })),
      dates: ['plannedOn'],
      form: formState(values),
      view: { ...(await choices(request, values)), dateHint: 'Today or later, for example 27 3 2027' },
      work: async ({ plannedOn, ...input }, ids) => {
        await planAppointment({ ...ids, input: { ...input, plannedOn: plannedOn ?? '' } });
        return `Appointment planned for ${formatCalendarDate(plannedOn)}`;
      },
    });
  });

  correctionRoute(app, {
    path: PATH,
    table: 'appointment',
    template: 'appointments/views/appointment.njk',
    title: 'Correct an appointment',
    schema: async (request, { episode, row }) =>
      appointmentCorrectionForm(await appointmentRules(ctxOf(request), episode, { isNew: false, also: [String(row.worker_id)] })),
    dates: ['plannedOn'],
    valuesOf: (row) => ({
      ...datePartsOf('plannedOn', row.planned_on as string),
      plannedTime: timeForForm(row.planned_time),
      place: row.place,
      withWhom: row.with_whom ?? '',
      purpose: row.purpose ?? '',
      workerId: row.worker_id,
    }),
    view: async (request, values) => choices(request, values, typeof values.workerId === 'string' ? [values.workerId] : []),
    save: async ({ data: { version, plannedOn, ...input }, recordId, ...ids }) =>
      correctAppointment({ ...ids, appointmentId: recordId, version, input: { ...input, plannedOn: plannedOn ?? '' } }),
    done: 'Appointment corrected',
  });

  enteredInErrorRoutes(app, { path: PATH, table: 'appointment', tags: ['Appointments'], summary: ({ row }) => summary(row) });

  app.route({
    method: ['GET', 'POST'],
    url: `/people/:personId/sign-ups/:episodeId/${PATH}/:recordId/status`,
    config: { access: 'people.write' },
    schema: { params: recordParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId, episodeId, recordId } = recordParams.parse(request.params);
      const { episode, row } = await loadAppointment(ctx, { personId, episodeId, appointmentId: recordId });
      const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        checked: episode,
        template: 'appointments/views/status.njk',
        title: 'Record that the appointment did not happen',
        schema: statusForm,
        form: formState(values),
        view: {
          recordSummary: summary(row),
          contactHref: appointmentHrefs(episodeHref(personId, episodeId), row.id).contact,
          statuses: Object.entries(UNKEPT).map(([value, text]) => ({ value, text, checked: value === values.status })),
          version: values.version ?? row.version,
        },
        work: async ({ status, reason, version }) => {
          await setAppointmentStatus({ ctx, personId, episodeId, appointmentId: recordId, version, status, reason });
          return status === 'cancelled' ? 'Appointment recorded as cancelled' : 'Appointment recorded as missed';
        },
      });
    },
  });

  diaryRoutes(app);
  appointmentApiRoutes(app);
}
