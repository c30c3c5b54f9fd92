import type { FastifyInstance } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import type { Services } from '../../services.ts';
import { CASEWORK_ROLES } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { caseloadDashboard, teamCaseloads } from './caseload.ts';
import { HOME_INTRODUCTIONS } from './roles-home.ts';

export function homeRoutes(app: FastifyInstance, services: Services) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const actor = ctx.actor;
    const programme = await services.db.selectFrom('programme').select(['name']).where('id', '=', actor.programmeId).executeTakeFirstOrThrow();
    const caseworker = CASEWORK_ROLES.includes(actor.role);
    const dashboard = caseworker ? await caseloadDashboard(ctx) : null;
    const caseloads = actor.role === 'team_leader' ? await teamCaseloads(ctx) : null;
    if (dashboard) await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'caseload' } });
    return reply.view('home/views/home.njk', {
      pageTitle: 'Home',
      programme,
      introduction: HOME_INTRODUCTIONS[actor.role],
      dashboard,
      caseloads,
    });
  });
}
