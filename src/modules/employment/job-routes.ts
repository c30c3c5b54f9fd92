import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import { correctionRoute, enteredInErrorRoutes } from '../casework/correction-routes.ts';
import { writableEpisode } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { addCheck, checkInError, checkTarget, correctCheck } from './in-work-checks.ts';
import { addJobStart, correctJobStart, jobStartInError, jobStartProblems } from './job-starts.ts';
import { checkCorrectionForm, checkForm, CONTRACT_TYPES, itemsOf, jobStartCorrectionForm, jobStartForm } from './schemas.ts';

const tags = ['Employment'];
export const checkParams = episodeParams.extend({ jobStartId: z.uuid(), week: z.coerce.number().int().min(1).max(104) });

const jobView = async (_request: unknown, values: Record<string, unknown>) => ({ contractTypes: itemsOf(CONTRACT_TYPES, values.contractType) });
const inWorkItems = (values: Record<string, unknown>) => itemsOf({ yes: 'Yes, still in work', no: 'No, they have left' }, values.inWork);

/** Job starts (each records a "job start" outcome) and their in-work checks. */
export function jobRoutes(app: FastifyInstance) {
  caseworkRoute(app, 'job-starts', async (request, reply) => {
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'employment/views/job-start.njk',
      title: 'Record a job start',
      schema: jobStartForm,
      dates: ['startedOn'],
      check: async (input, { ctx, episode }) => jobStartProblems(ctx, episode, input),
      form: formState(values),
      view: await jobView(request, values),
      work: async ({ startedOn, hoursPerWeek, ...input }, ids) => {
        await addJobStart({ ...ids, input: { ...input, hoursPerWeek, startedOn: startedOn ?? '' } });
        return 'Job start recorded';
      },
    });
  });

  correctionRoute(app, {
    path: 'job-starts',
    table: 'job_start',
    template: 'employment/views/job-start.njk',
    title: 'Correct a job start',
    schema: jobStartCorrectionForm,
    dates: ['startedOn'],
    valuesOf: (row) => ({
      employer: row.employer,
      jobTitle: row.job_title,
      hoursPerWeek: String(Number(row.hours_per_week)),
      contractType: row.contract_type,
      ...datePartsOf('startedOn', row.started_on as string),
    }),
    view: jobView,
    save: async ({ data: { version, startedOn, hoursPerWeek, ...input }, ...ids }) =>
      correctJobStart({ ...ids, version, input: { ...input, hoursPerWeek, startedOn: startedOn ?? '' } }),
    done: 'Job start corrected',
  });
  enteredInErrorRoutes(app, {
    path: 'job-starts',
    table: 'job_start',
    tags,
    summary: ({ row }) => `${row.job_title as string} at ${row.employer as string}, started ${formatCalendarDate(row.started_on as string)}. Its job start outcome and any in-work checks will be marked entered in error too.`,
    inStep: jobStartInError,
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/sign-ups/:episodeId/job-starts/:jobStartId/checks/:week',
    config: { access: 'people.write' },
    schema: { params: checkParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId, episodeId, jobStartId, week } = checkParams.parse(request.params);
      await authorizePerson(ctx, personId, 'people.write');
      const episode = await writableEpisode(ctx, personId, episodeId);
      const target = await checkTarget(ctx, { episodeId, jobStartId, week });
      const values = (request.method === 'GET' ? todaysDateParts('checkedOn', ctx.actor.timeZone) : request.body) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        checked: episode,
        template: 'employment/views/in-work-check.njk',
        title: `${week}-week in-work check`,
        schema: checkForm,
        dates: ['checkedOn', 'leftOn'],
        form: formState(values),
        view: { target, inWorkItems: inWorkItems(values) },
        work: async ({ checkedOn, inWork, ...input }) => {
          await addCheck({ ctx, personId, episodeId, jobStartId, week, input: { ...input, checkedOn: checkedOn ?? '', inWork: inWork === 'yes' } });
          return `${week}-week in-work check recorded`;
        },
      });
    },
  });

  correctionRoute(app, {
    path: 'in-work-checks',
    table: 'in_work_check',
    template: 'employment/views/in-work-check.njk',
    title: 'Correct an in-work check',
    schema: checkCorrectionForm,
    dates: ['checkedOn', 'leftOn'],
    valuesOf: (row) => ({
      ...datePartsOf('checkedOn', row.checked_on as string),
      inWork: row.in_work ? 'yes' : 'no',
      ...datePartsOf('leftOn', row.left_on as string | null),
      leftReason: row.left_reason ?? '',
    }),
    view: async (_request, values) => ({ inWorkItems: inWorkItems(values) }),
    save: async ({ data: { version, checkedOn, inWork, ...input }, ...ids }) => correctCheck({ ...ids, version, input: { ...input, checkedOn: checkedOn ?? '', inWork: inWork === 'yes' } }),
    done: 'In-work check corrected',
  });
  enteredInErrorRoutes(app, {
    path: 'in-work-checks',
    table: 'in_work_check',
    tags,
    summary: ({ row }) => `${row.check_week as number}-week check on ${formatCalendarDate(row.checked_on as string)}: ${row.in_work ? 'still in work' : 'they had left'}`,
    inStep: checkInError,
  });
}
