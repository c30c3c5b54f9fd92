import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { datePartsOf } from '../../http/date-fields.ts';
import { flash } from '../../http/form-submission.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeHref, episodeParams } from '../custody/casework-route.ts';
import { actionForm, actionStatusForm, assessmentForm, NEED_STATUSES } from './schemas.ts';
import { addAction, listNeeds, needDomains, saveAssessment, setActionStatus } from './service.ts';
import { planApiRoutes } from './api-routes.ts';

const actionParams = episodeParams.extend({ actionId: z.uuid() });

export function planRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'needs', async (request, reply) => {
    const ctx = ctxOf(request);
    const { episodeId } = episodeParams.parse(request.params);
    const domains = await needDomains(ctx);
    let values = request.body as Record<string, unknown>;
    if (request.method === 'GET') {
      const { assessment, needs } = await listNeeds(ctx, episodeId);
      values = {
        ...datePartsOf('assessedOn', assessment?.assessedOn),
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
      title: 'Needs assessment',
      schema: assessmentForm(domains.map((d) => d.code)),
      dates: ['assessedOn'],
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
        return 'Needs assessment saved';
      },
    });
  });

  caseworkRoute(app, 'actions', async (request, reply) => {
    const ctx = ctxOf(request);
    const values = (request.method === 'GET' ? {} : request.body) as Record<string, unknown>;
    const domains = await needDomains(ctx);
    return caseworkForm({
      request,
      reply,
      template: 'plans/views/action.njk',
      title: 'Add a goal and action',
      schema: actionForm,
      dates: ['dueOn'],
      form: formState(values),
      view: {
        domainItems: [{ value: '', text: 'Choose a need' }, ...domains.map((d) => ({ value: d.code, text: d.label, selected: d.code === values.domain }))],
      },
      work: async (input, ids) => {
        await addAction({ ...ids, input });
        return 'Action added to the plan';
      },
    });
  });

  app.post(
    '/people/:personId/sign-ups/:episodeId/actions/:actionId',
    { config: { access: 'people.write' }, schema: { params: actionParams } },
    async (request, reply) => {
      const { personId, episodeId, actionId } = actionParams.parse(request.params);
      const { status, version } = actionStatusForm.parse(request.body);
      await setActionStatus({ ctx: ctxOf(request), personId, episodeId, actionId, status, version });
      await flash(request, 'Action updated');
      return reply.redirect(`${episodeHref(personId, episodeId)}#plan`);
    },
  );

  planApiRoutes(app);
}
