import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes, recordParams } from '../casework/correction-routes.ts';
import { caseworkForm, caseworkRoute, ctxOf } from '../casework/route.ts';
import { distanceApiRoutes } from './api-routes.ts';
import { clientField, readingCorrectionForm, readingForm, REOFFENDING, workerField, type Area } from './schemas.ts';
import { activeAreas, addReading, correctReading, readingAreas, readOnProblems, storedScores } from './service.ts';

/** What the reading form shows besides the values: a fieldset per area, and the reoffending answers. */
const readingView = (areas: Area[], values: Record<string, unknown>) => ({
  areas: areas.map((area) => ({ ...area, clientField: clientField(area.code), workerField: workerField(area.code) })),
  reoffendingItems: Object.entries(REOFFENDING).map(([value, text]) => ({ value, text, checked: value === values.reoffending })),
});

const correctedReadingAreas = (request: FastifyRequest) => readingAreas(ctxOf(request), recordParams.parse(request.params).recordId);

/** Distance travelled: recording a reading on a sign-up, correcting one, and marking one entered in error. */
export function distanceRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'distance-readings', async (request, reply) => {
    const areas = await activeAreas(ctxOf(request));
    const values = (request.method === 'GET' ? todaysDateParts('readOn', ctxOf(request).actor.timeZone) : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'distance/views/reading.njk',
      title: 'Record a distance travelled reading',
      schema: readingForm(areas),
      dates: ['readOn'],
      check: async (input, { ctx, episode }) => readOnProblems(ctx, episode, (input as { readOn?: string }).readOn),
      form: formState(values),
      view: readingView(areas, values),
      work: async (input, ids) => {
        await addReading({ ...ids, input });
        return 'Distance travelled reading recorded';
      },
    });
  });

  correctionRoute(app, {
    path: 'distance-readings',
    table: 'distance_reading',
    template: 'distance/views/reading.njk',
    title: 'Correct a distance travelled reading',
    schema: async (request) => readingCorrectionForm(await correctedReadingAreas(request)),
    dates: ['readOn'],
    valuesOf: async (row, request) => {
      const scores = await storedScores(ctxOf(request), row.id);
      return {
        ...datePartsOf('readOn', row.read_on as string),
        reoffending: row.reoffending,
        note: row.note ?? '',
        ...Object.fromEntries(
          scores.flatMap((s) => [
            [clientField(s.area), String(s.clientScore)],
            [workerField(s.area), s.workerScore === null ? '' : String(s.workerScore)],
          ]),
        ),
      };
    },
    view: async (request, values) => readingView(await correctedReadingAreas(request), values),
    save: async ({ data: { version, ...input }, recordId, ...ids }) => correctReading({ ...ids, readingId: recordId, version, input }),
    done: 'Distance travelled reading corrected',
  });

  enteredInErrorRoutes(app, {
    path: 'distance-readings',
    table: 'distance_reading',
    tags: ['Distance travelled'],
    summary: ({ row }) => `Distance travelled reading on ${formatCalendarDate(row.read_on as string)}`,
  });

  distanceApiRoutes(app);
}
