import type { FastifyInstance } from 'fastify';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { flash } from '../../http/form-submission.ts';
import { formState } from '../../http/forms.ts';
import type { SignedInCtx } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes, recordParams } from '../casework/correction-routes.ts';
import { episodeHref } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { choiceItems } from '../settings/lists.ts';
import { actionCorrectionForm, actionForm, actionStatusForm, assessmentForm, NEED_STATUSES } from './schemas.ts';
import { assessedOnProblems, listNeeds, needDomains, saveAssessment } from './needs.ts';
import { actionProblems, addAction, correctAction, setActionStatus } from './service.ts';
import { planApiRoutes } from './api-routes.ts';

/** The need domains, for choosing which need a goal is for. */
const domainItems = (ctx: SignedInCtx, selected: unknown) => choiceItems(ctx, 'need_domain', selected, 'Choose a need');

export function planRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'needs', async (request, reply) => {
    const ctx = ctxOf(request);
    const { episodeId } = episodeParams.parse(request.params);
    const { assessment, needs } = await listNeeds(ctx, episodeId);
    const domains = await needDomains(ctx, needs.filter((n) => n.identified).map((n) => n.domain));
    let values = request.body as Record<string, unknown>;
    if (request.method === 'GET') {
      // A review starts from the needs as they stand; its date is the day of the review.
      values = {
        ...todaysDateParts('assessedOn', ctx.actor.timeZone),
        monthsOutOfWork: assessment?.monthsOutOfWork ?? '',
        ...Object.fromEntries(
          needs
            .filter((n) => n.identified)
            .flatMap((n) => [
              [`need-${n.domain}`, 'yes'],
              [`status-${n.domain}`, n.status],
            ]),
        ),
      };
    }
    return caseworkForm({
      request,
      reply,
      template: 'plans/views/needs.njk',
      title: assessment ? 'Review their needs' : 'Assess their needs',
      schema: assessmentForm(domains.map((d) => d.code)),
      dates: ['assessedOn'],
      check: async (data, { episode }) => assessedOnProblems(episode, (data as { assessedOn?: string }).assessedOn),
      form: formState(values),
      view: { domains, statuses: Object.entries(NEED_STATUSES).map(([value, text]) => ({ value, text })) },
      work: async (data, ids) => {
        const fields = data as Record<string, unknown>;
        const needs = domains
          .filter((d) => fields[`need-${d.code}`] === true)
          .map((d) => ({ domain: d.code, status: fields[`status-${d.code}`] as keyof typeof NEED_STATUSES }));
        await saveAssessment({
          ...ids,
          input: { assessedOn: String(fields.assessedOn), monthsOutOfWork: fields.monthsOutOfWork as number | undefined, needs },
        });
        return assessment ? 'Needs review saved' : 'Needs assessment saved';
      },
    });
  });

  caseworkRoute(app, 'actions', async (request, reply) => {
    const ctx = ctxOf(request);
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'plans/views/action.njk',
      title: 'Add a goal and action',
      schema: actionForm,
      dates: ['dueOn'],
      check: (input, { episode }) => actionProblems(ctx, episode, input),
      form: formState(values),
      view: { domainItems: await domainItems(ctx, values.domain) },
      work: async (input, ids) => {
        await addAction({ ...ids, input });
        return 'Action added to the plan';
      },
    });
  });

  app.post(
    '/people/:personId/sign-ups/:episodeId/actions/:recordId/status',
    { config: { access: 'people.write' }, schema: { params: recordParams } },
    async (request, reply) => {
      const { personId, episodeId, recordId } = recordParams.parse(request.params);
      const { status, version } = actionStatusForm.parse(request.body);
      await setActionStatus({ ctx: ctxOf(request), personId, episodeId, actionId: recordId, status, version });
      await flash(request, 'Action updated');
      return reply.redirect(`${episodeHref(personId, episodeId)}/needs-and-plan`);
    },
  );

  correctionRoute(app, {
    path: 'actions',
    table: 'plan_action',
    template: 'plans/views/action.njk',
    title: 'Correct a goal and action',
    schema: actionCorrectionForm,
    dates: ['dueOn'],
    check: (input, { ctx, episode, row }) => actionProblems(ctx, episode, input, row.domain),
    valuesOf: (row) => ({ domain: row.domain, goal: row.goal, action: row.action, ownerText: row.owner_text ?? '', ...datePartsOf('dueOn', row.due_on as string | null) }),
    view: async (request, values) => ({ domainItems: await domainItems(ctxOf(request), values.domain) }),
    save: async ({ data: { version, ...input }, recordId, ...ids }) => correctAction({ ...ids, actionId: recordId, version, input }),
    done: 'Action corrected',
  });

  enteredInErrorRoutes(app, { path: 'actions', table: 'plan_action', tags: ['Needs and plans'], summary: ({ row }) => `Goal: ${String(row.goal)}. Action: ${String(row.action)}` });

  planApiRoutes(app);
}
