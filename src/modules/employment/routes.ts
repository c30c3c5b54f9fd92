import type { FastifyInstance } from 'fastify';
import { datePartsOf, today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes } from '../casework/correction-routes.ts';
import { caseworkForm, caseworkRoute, ctxOf } from '../casework/route.ts';
import { activityProblems, addActivity, correctActivity } from './activities.ts';
import { employmentApiRoutes } from './api-routes.ts';
import { consultantItems, handOver } from './hand-over.ts';
import { jobRoutes } from './job-routes.ts';
import { ACTIVITY_KINDS, activityCorrectionForm, activityForm, handOverForm, itemsOf, PLACE_ENDINGS, PLACE_KINDS, placeCorrectionForm, placeEndingForm, placeForm } from './schemas.ts';
import { addPlace, correctPlace } from './training.ts';

const tags = ['Employment'];
const activityView = async (_request: unknown, values: Record<string, unknown>) => ({ kinds: itemsOf(ACTIVITY_KINDS, values.kind) });
const placeView = async (_request: unknown, values: Record<string, unknown>) => ({
  kinds: itemsOf(PLACE_KINDS, values.kind),
  endings: itemsOf({ started: 'They are still on it', ...PLACE_ENDINGS }, values.status),
});

/** Employment: hand-overs to a consultant, employability activities, job starts and checks, training places. */
export function employmentRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(
    app,
    'hand-over',
    async (request, reply) => {
      const ctx = ctxOf(request);
      const values = (request.method === 'GET' ? datePartsOf('readyOn', today(ctx.actor.timeZone)) : request.body) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        access: 'employment.handOver',
        template: 'employment/views/hand-over.njk',
        title: 'Hand over to an employment consultant',
        schema: handOverForm,
        dates: ['readyOn'],
        form: formState(values),
        view: { consultants: await consultantItems(ctx, values.consultantId) },
        work: async ({ readyOn, ...input }, ids) => {
          await handOver({ ...ids, input: { ...input, readyOn: readyOn ?? '' } });
          return 'Handed over to the employment consultant';
        },
      });
    },
    'employment.handOver',
  );

  caseworkRoute(app, 'employability-activities', async (request, reply) => {
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'employment/views/activity.njk',
      title: 'Record an employability activity',
      schema: activityForm,
      dates: ['startedOn', 'endedOn'],
      check: async (input, { ctx, episode }) => activityProblems(ctx, episode, input),
      form: formState(values),
      view: await activityView(request, values),
      work: async ({ startedOn, ...input }, ids) => {
        await addActivity({ ...ids, input: { ...input, startedOn: startedOn ?? '' } });
        return 'Activity recorded';
      },
    });
  });

  correctionRoute(app, {
    path: 'employability-activities',
    table: 'employability_activity',
    template: 'employment/views/activity.njk',
    title: 'Correct an employability activity',
    schema: activityCorrectionForm,
    dates: ['startedOn', 'endedOn'],
    check: async (input, { ctx, episode }) => activityProblems(ctx, episode, input),
    valuesOf: (row) => ({ kind: row.kind, ...datePartsOf('startedOn', row.started_on as string), ...datePartsOf('endedOn', row.ended_on as string | null), detail: row.detail ?? '' }),
    view: activityView,
    save: async ({ data: { version, startedOn, ...input }, ...ids }) => correctActivity({ ...ids, version, input: { ...input, startedOn: startedOn ?? '' } }),
    done: 'Activity corrected',
  });
  enteredInErrorRoutes(app, {
    path: 'employability-activities',
    table: 'employability_activity',
    tags,
    summary: ({ row }) => `${ACTIVITY_KINDS[row.kind as keyof typeof ACTIVITY_KINDS]} from ${formatCalendarDate(row.started_on as string)}`,
  });

  caseworkRoute(app, 'training-places', async (request, reply) => {
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'employment/views/training-place.njk',
      title: 'Record a training or education place',
      schema: placeForm,
      dates: ['startedOn'],
      form: formState(values),
      view: await placeView(request, values),
      work: async ({ startedOn, ...input }, ids) => {
        await addPlace({ ...ids, input: { ...input, startedOn: startedOn ?? '' } });
        return 'Training or education place recorded';
      },
    });
  });

  const placeValues = (row: Record<string, unknown>) => ({
    kind: row.kind,
    provider: row.provider,
    course: row.course,
    ...datePartsOf('startedOn', row.started_on as string),
    status: row.status,
    ...datePartsOf('endedOn', row.ended_on as string | null),
    leftReason: row.left_reason ?? '',
  });
  correctionRoute(app, {
    path: 'training-places',
    table: 'training_place',
    template: 'employment/views/training-place.njk',
    title: 'Correct a training or education place',
    schema: placeCorrectionForm,
    dates: ['startedOn', 'endedOn'],
    valuesOf: placeValues,
    view: async (request, values) => ({ ...(await placeView(request, values)), correcting: true }),
    save: async ({ data: { version, startedOn, status, endedOn, leftReason, ...input }, ...ids }) =>
      correctPlace({ ...ids, version, input: { ...input, startedOn: startedOn ?? '' }, ending: { status, endedOn, leftReason } }),
    done: 'Training or education place corrected',
  });
  // Recording how a place ended is a correction of those fields alone, on a page of its own.
  correctionRoute(app, {
    path: 'training-places/ending',
    table: 'training_place',
    template: 'employment/views/training-ending.njk',
    title: 'Record how the place ended',
    schema: placeEndingForm,
    dates: ['endedOn'],
    valuesOf: placeValues,
    view: async (_request, values) => ({ endings: itemsOf(PLACE_ENDINGS, values.status) }),
    save: async ({ data: { version, ...ending }, ...ids }) => correctPlace({ ...ids, version, ending }),
    done: 'How the place ended is recorded',
  });
  enteredInErrorRoutes(app, {
    path: 'training-places',
    table: 'training_place',
    tags,
    summary: ({ row }) => `${row.course as string} at ${row.provider as string}, from ${formatCalendarDate(row.started_on as string)}`,
  });

  jobRoutes(app);
  employmentApiRoutes(app);
}
