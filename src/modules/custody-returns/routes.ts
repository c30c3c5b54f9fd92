import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import { episodeHref } from '../casework/episodes.ts';
import { caseworkForm, ctxOf, episodeParams } from '../casework/route.ts';
import { markReturnInError, returnToMark } from './service.ts';

const returnParams = episodeParams.extend({ returnId: z.uuid() });

const reason = z
  .string({ error: 'Enter why this return to custody was entered in error' })
  .trim()
  .min(1, 'Enter why this return to custody was entered in error')
  .max(1000, 'The reason must be 1000 characters or fewer');

/** What the prison service's row said, for the page asking why it is wrong. */
const summaryOf = (row: { admittedOn: string | null; asAt: string }) =>
  row.admittedOn
    ? `Admitted to custody on ${formatCalendarDate(row.admittedOn)}, from the prison service’s extract as at ${formatCalendarDate(row.asAt)}`
    : `Not returned to custody, from the prison service’s extract as at ${formatCalendarDate(row.asAt)}`;

/**
 * A return to custody on a sign-up marked entered in error (a wrong match), with a reason: the page
 * at .../returns-to-custody/:returnId/entered-in-error and the same through the API. Team leaders
 * who can see the person (custody.returnInError).
 */
export function custodyReturnRoutes(app: FastifyInstance) {
  const path = '/people/:personId/sign-ups/:episodeId/returns-to-custody/:returnId/entered-in-error';

  app.route({
    method: ['GET', 'POST'],
    url: path,
    config: { access: 'custody.returnInError' },
    schema: { params: returnParams },
    handler: async (request, reply) => {
      const ids = returnParams.parse(request.params);
      const { episode, row } = await returnToMark(ctxOf(request), ids);
      return caseworkForm({
        request,
        reply,
        template: 'custody-returns/views/entered-in-error.njk',
        title: 'Mark this return to custody as entered in error',
        checked: episode,
        returnTo: `${episodeHref(ids.personId, ids.episodeId)}/returns-to-custody`,
        schema: z.object({ reason }),
        form: formState(request.method === 'GET' ? {} : (request.body as Record<string, unknown>)),
        view: { recordSummary: summaryOf(row), version: null },
        work: async (data) => {
          await markReturnInError(ctxOf(request), { ...ids, reason: data.reason });
          return 'The return to custody is marked as entered in error: it counts nowhere';
        },
      });
    },
  });

  apiOf(app).post(
    `/api/v1${path}`,
    {
      config: { access: 'custody.returnInError' },
      schema: {
        tags: ['Returns to custody'],
        summary: 'Mark a return to custody as entered in error, a wrong match (kept, counted nowhere)',
        params: returnParams,
        body: z.object({ reason }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await markReturnInError(ctxOf(request), { ...request.params, reason: request.body.reason });
      return reply.code(204).send(null);
    },
  );
}
