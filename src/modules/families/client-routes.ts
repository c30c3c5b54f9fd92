import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { gatherDateParts, todaysDateParts } from '../../http/date-fields.ts';
import { ValidationError } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from '../people/access.ts';
import { loadPerson } from '../people/service.ts';
import { referFamily } from './client-panel.ts';
import { clientByPrisonNumber, linkClient } from './clients.ts';
import { ctxOf, familyFormPage, familyParams, familyRoute, renderFamilyForm } from './form-route.ts';
import { linkClientForm, referFamilyForm } from './schemas.ts';
import { loadFamily } from './store.ts';

const personParams = z.object({ personId: z.uuid() });
const notFound = [{ field: 'prisonNumber', message: 'No client has this prison number: check it and enter it again' }];

/** Linking a client to a family by prison number, and a life coach's referral of a client's family. */
export function clientRoutes(app: FastifyInstance) {
  familyRoute(app, 'clients/new', familyParams, async (request, reply) => {
    const ctx = ctxOf(request);
    const { familyId } = familyParams.parse(request.params);
    const family = await loadFamily(ctx, familyId, 'families.write');
    const body = (request.body ?? {}) as Record<string, unknown>;
    // First the prison number is looked up and the name found shown to confirm; then the confirmed client is linked.
    const confirming = request.method === 'POST' && !body.personId;
    const page = (props: { form: FormState; found?: { id: string; firstName: string; lastName: string } | null; status: number }) =>
      renderFamilyForm(request, reply, {
        family,
        template: 'families/views/link-client.njk',
        title: props.found ? 'Is this the client?' : 'Link a client',
        form: props.form,
        status: props.status,
        anchor: 'clients',
        view: { found: props.found ?? null },
      });
    if (confirming) {
      const parsed = parseForm(linkClientForm, body);
      if (!parsed.ok) return page({ form: parsed.form, status: 400 });
      const found = await clientByPrisonNumber(ctx, { familyId, prisonNumber: parsed.data.prisonNumber });
      if (!found) return page({ form: formState(body, notFound), status: 400 });
      return page({ form: formState(body), found, status: 200 });
    }
    return familyFormPage({
      request,
      reply,
      family,
      template: 'families/views/link-client.njk',
      title: 'Link a client',
      schema: linkClientForm,
      anchor: 'clients',
      view: () => ({ found: null }),
      work: async ({ prisonNumber, personId }) => {
        const found = await clientByPrisonNumber(ctx, { familyId, prisonNumber });
        if (!found || found.id !== personId) throw new ValidationError(notFound);
        await linkClient(ctx, { familyId, personId });
        return `${found.firstName} ${found.lastName} linked to the family`;
      },
    });
  });

  const showRefer = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status: number) => {
    const ctx = ctxOf(request);
    const { personId } = personParams.parse(request.params);
    await authorizePerson(ctx, personId, 'people.write');
    const person = await loadPerson(ctx, personId);
    await audit(ctx, { action: 'read', recordType: 'person', recordId: personId, detail: { view: 'refer-family' } });
    return reply.code(status).view('families/views/refer.njk', {
      pageTitle: 'Refer the family to family support',
      person,
      form,
      backHref: `/people/${personId}#family-support`,
      action: `/people/${personId}/refer-family`,
    });
  };

  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/refer-family',
    config: { access: 'families.refer' },
    schema: { params: personParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId } = personParams.parse(request.params);
      if (request.method === 'GET') return showRefer(request, reply, formState(todaysDateParts('referredOn', ctx.actor.timeZone)), 200);
      return submitForm({
        request: { ...request, body: gatherDateParts(request.body, ['referredOn']) } as FastifyRequest,
        reply,
        schema: referFamilyForm,
        render: (form, status) => showRefer(request, reply, form, status),
        work: async ({ referredOn, reason }) => {
          await referFamily(ctx, { personId, referredOn: referredOn ?? '', reason });
          return { redirectTo: `/people/${personId}#family-support`, success: 'Family referred to family support' };
        },
      });
    },
  });
}
