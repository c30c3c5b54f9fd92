import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { can } from '../auth/policy.ts';
import { pageLinks } from '../caseload/filters.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { familyApiRoutes } from './api-routes.ts';
import { clientRoutes } from './client-routes.ts';
import { enteredInErrorRoutes } from './error-routes.ts';
import { ctxOf, familyFormPage, familyHref, familyParams, familyRoute } from './form-route.ts';
import { memberRoutes } from './member-routes.ts';
import { FAMILY_PAGE_SIZE, familyPage, listFamilies } from './queries.ts';
import { referralRoutes } from './referral-routes.ts';
import { familyCorrectionForm, familyForm, familySearch } from './schemas.ts';
import { coordinators, correctFamily, createFamily, familyProblems, teams } from './store.ts';
import { supportRoutes } from './support-routes.ts';

/** The family form's choices: the programme's teams and family support co-ordinators. */
async function familyChoices(request: FastifyRequest, values: Record<string, unknown>) {
  const ctx = ctxOf(request);
  const [teamList, people] = await Promise.all([teams(ctx), coordinators(ctx)]);
  return {
    teamItems: teamList.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId })),
    coordinatorItems: [{ value: '', text: 'No co-ordinator yet' }, ...people.map((u) => ({ value: u.id, text: u.name, selected: u.id === values.coordinatorId }))],
  };
}

/** Family support's pages: the list of families, adding and correcting a family, and its page. */
export function familyRoutes(app: FastifyInstance, _services: Services) {
  app.get('/families', { config: { access: 'families.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const query = familySearch.parse(request.query ?? {});
    const { families, total } = await listFamilies(ctx, { q: query.q, mine: query.mine === 'yes', page: query.page });
    const href = (n: number) => `/families?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.mine ? { mine: 'yes' } : {}), page: String(n) })}`;
    return reply.view('families/views/list.njk', {
      pageTitle: query.mine ? 'Families you work with' : 'Families',
      query,
      families,
      total,
      pagination: pageLinks({ page: query.page, total, href }),
      pageSize: FAMILY_PAGE_SIZE,
      mayCreate: can(ctx.actor, 'families.create'),
    });
  });

  const showNew = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) =>
    reply.code(status).view('families/views/new.njk', { pageTitle: 'Add a family', form, backHref: '/families', action: '/families/new', ...(await familyChoices(request, form.values)) });

  app.route({
    method: ['GET', 'POST'],
    url: '/families/new',
    config: { access: 'families.create' },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      if (request.method === 'GET') {
        const coordinatorId = ctx.actor.role === 'family_support_coordinator' ? ctx.actor.userId : '';
        return showNew(request, reply, formState({ teamId: ctx.actor.teamId ?? '', coordinatorId }), 200);
      }
      return submitForm({
        request,
        reply,
        schema: familyForm,
        render: (form, status) => showNew(request, reply, form, status),
        check: (data) => familyProblems(ctx, data),
        work: async (input) => {
          const id = await createFamily(ctx, input);
          return { redirectTo: familyHref(id), success: `${input.name} added` };
        },
      });
    },
  });

  app.get('/families/:familyId', { config: { access: 'families.read' }, schema: { params: familyParams } }, async (request, reply) => {
    const { familyId } = familyParams.parse(request.params);
    const page = await familyPage(ctxOf(request), familyId);
    return reply.view('families/views/family.njk', { pageTitle: page.family.name, ...page });
  });

  familyRoute(app, 'edit', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/edit.njk',
      title: 'Correct the family’s details',
      schema: familyCorrectionForm,
      values: (family) => ({
        name: family.name,
        reference: family.reference ?? '',
        teamId: family.team_id,
        coordinatorId: family.coordinator_id ?? '',
        safeguarding: family.safeguarding ? 'yes' : '',
        safeguardingNote: family.safeguarding_note ?? '',
        version: family.version,
      }),
      view: async (values) => familyChoices(request, values),
      check: (data, family) => familyProblems(ctxOf(request), data, family.id),
      work: async ({ version, ...input }, family) => {
        await correctFamily(ctxOf(request), { familyId: family.id, version, input });
        return 'Family corrected';
      },
    }),
  );

  memberRoutes(app);
  clientRoutes(app);
  referralRoutes(app);
  supportRoutes(app);
  enteredInErrorRoutes(app);
  familyApiRoutes(app);
}
