import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { findEpisode } from '../casework/episodes.ts';
import { ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { appointmentRows, presentAppointment } from './queries.ts';
import { appointmentBody, statusBody } from './schemas.ts';
import { correctAppointment, planAppointment, setAppointmentStatus } from './service.ts';

const tags = ['Appointments'];
const appointmentJson = z.object({
  id: z.uuid(),
  plannedOn: z.string(),
  plannedTime: z.string().nullable().describe('HH:MM, or null when no time was planned'),
  place: z.string(),
  placeLabel: z.string(),
  withWhom: z.string().nullable(),
  purpose: z.string().nullable(),
  status: z.enum(['planned', 'kept', 'cancelled', 'missed']),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  contactId: z.uuid().nullable().describe('The contact that recorded it, when kept'),
  workerId: z.uuid(),
  workerName: z.string(),
  version: z.number().int(),
  mayCorrect: z.boolean().describe('Whether you may correct it or mark it entered in error'),
});
const nothing = { 204: z.null(), ...problemResponses };

/** Planned appointments on the API, like contacts: kept only by recording the contact (POST .../contacts with appointmentId). */
export function appointmentApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  const base = '/api/v1/people/:personId/sign-ups/:episodeId/planned-appointments';

  api.get(
    base,
    {
      config: { access: 'people.read' },
      schema: {
        tags,
        summary: 'A sign-up’s appointments (none entered in error), soonest first',
        params: episodeParams,
        response: { 200: z.object({ appointments: z.array(appointmentJson) }), ...problemResponses },
      },
    },
    async (request) => {
      const ctx = ctxOf(request);
      const { personId, episodeId } = request.params;
      const access = await authorizePerson(ctx, personId, 'people.read');
      await findEpisode(ctx, personId, episodeId);
      const rows = await appointmentRows(ctx)
        .where('a.episode_id', '=', episodeId)
        .where('a.entered_in_error_at', 'is', null)
        .orderBy('a.planned_on')
        .orderBy('a.planned_time')
        .execute();
      await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'appointments' } });
      const appointments = withMayCorrect(ctx, { personId, access }, rows).map(({ enteredInErrorReason: _none, episodeId: _episode, ...row }) =>
        presentAppointment(row),
      );
      return { appointments };
    },
  );

  api.post(
    base,
    {
      config: { access: 'people.write' },
      schema: {
        tags,
        summary: 'Plan an appointment (today or later)',
        params: episodeParams,
        body: appointmentBody,
        response: { 201: z.object({ id: z.uuid() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await planAppointment({ ctx: ctxOf(request), ...request.params, input: request.body }) }),
  );

  api.put(
    `${base}/:recordId`,
    {
      config: { access: 'people.write' },
      schema: {
        tags,
        summary: 'Correct an appointment (its planner or a team leader), from the version you read',
        params: recordParams,
        body: appointmentBody.extend({ version: z.number().int().min(1) }),
        response: nothing,
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      await correctAppointment({ ctx: ctxOf(request), ...request.params, appointmentId: request.params.recordId, version, input });
      return reply.code(204).send(null);
    },
  );

  api.post(
    `${base}/:recordId/status`,
    {
      config: { access: 'people.write' },
      schema: {
        tags,
        summary: 'Record that a planned appointment was cancelled or missed (kept is recorded by its contact)',
        params: recordParams,
        body: statusBody,
        response: nothing,
      },
    },
    async (request, reply) => {
      await setAppointmentStatus({ ctx: ctxOf(request), ...request.params, appointmentId: request.params.recordId, ...request.body });
      return reply.code(204).send(null);
    },
  );
}
