import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formState, problemsOf, blankToUndefined } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { can } from '../auth/policy.ts';
import { listChoices } from '../settings/lists.ts';
import { agreementsOf, expiringAgreements, EXPIRING_WITHIN_DAYS } from './agreements.ts';
import { findOrganisation, organisationPhone } from './directory.ts';
import { agencyApiRoutes } from './api-routes.ts';
import { agencyExchangeRoutes } from './exchange-routes.ts';
import { ctxOf, idParams } from './form-route.ts';
import { agencyFormRoutes } from './form-routes.ts';
import { listOrganisations, organisationDetails, searchDirectory, STALE_AFTER_MONTHS } from './search.ts';

const searchQuery = z.object({
  name: z.preprocess(blankToUndefined, z.string().trim().max(200, 'Name must be 200 characters or fewer').optional()),
  needDomain: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  areaId: z.preprocess(blankToUndefined, z.uuid({ error: 'Select an area from the list' }).optional()),
  localAuthorityId: z.preprocess(blankToUndefined, z.uuid({ error: 'Select a local authority from the list' }).optional()),
});

const select = (rows: { value: string; text: string }[], chosen: unknown, empty: string) => [
  { value: '', text: empty },
  ...rows.map((row) => ({ ...row, selected: row.value === chosen })),
];

export function agencyRoutes(app: FastifyInstance, _services: Services) {
  app.get('/agencies', { config: { access: 'agencies.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const values = (request.query ?? {}) as Record<string, unknown>;
    const parsed = searchQuery.safeParse(values);
    const p = ctx.actor.programmeId;
    const [domains, areas, authorities] = await Promise.all([
      listChoices(ctx, 'need_domain'),
      ctx.db.selectFrom('area').select(['id as value', 'name as text']).where('programme_id', '=', p).where('active', '=', true).orderBy('name').execute(),
      ctx.db
        .selectFrom('local_authority')
        .select(['id as value', 'name as text'])
        .where('programme_id', '=', p)
        .where('active', '=', true)
        .orderBy('name')
        .execute(),
    ]);
    const keeps = can(ctx.actor, 'agencies.write');
    const query = parsed.success ? parsed.data : {};
    const searched = parsed.success && Object.values(query).some((value) => value !== undefined);
    return reply.code(parsed.success ? 200 : 400).view('agencies/views/directory.njk', {
      pageTitle: 'Agencies',
      form: formState(values, parsed.success ? [] : problemsOf(parsed.error)),
      domainItems: select(
        domains.map((d) => ({ value: d.code, text: d.label })),
        values.needDomain,
        'Any need',
      ),
      areaItems: select(areas, values.areaId, 'Any area'),
      authorityItems: select(authorities, values.localAuthorityId, 'Any local authority'),
      results: parsed.success ? await searchDirectory(ctx, query) : [],
      searched,
      staleMonths: STALE_AFTER_MONTHS,
      keeps,
      organisations: keeps ? await listOrganisations(ctx) : [],
      expiring: keeps ? await expiringAgreements(ctx) : [],
      expiringDays: EXPIRING_WITHIN_DAYS,
    });
  });

  const organisationUrl = '/agencies/organisations/:organisationId';
  app.get(organisationUrl, { config: { access: 'agencies.read' }, schema: { params: idParams(organisationUrl) } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { organisationId } = request.params as { organisationId: string };
    const organisation = await findOrganisation(ctx, organisationId);
    const keeps = can(ctx.actor, 'agencies.write');
    return reply.view('agencies/views/organisation.njk', {
      pageTitle: organisation.name,
      organisation,
      phone: await organisationPhone(ctx, organisationId),
      ...(await organisationDetails(ctx, organisationId)),
      agreements: await agreementsOf(ctx, organisationId),
      keeps,
      staleMonths: STALE_AFTER_MONTHS,
    });
  });

  agencyFormRoutes(app);
  agencyExchangeRoutes(app);
  agencyApiRoutes(app);
}
