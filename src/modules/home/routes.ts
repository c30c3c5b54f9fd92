import type { FastifyInstance } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import type { Services } from '../../services.ts';
import { CASEWORK_ROLES } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { caseloadDashboard, programmeOf, teamCaseloads } from './caseload.ts';
import { CASELOAD_PATH, caseloadDownload } from './caseload-download.ts';
import { homeListTitles, TEAM_LEADER_LISTS } from './caseload-tables.ts';
import { HOME_INTRODUCTIONS } from './roles-home.ts';
import { consultantHome } from '../employment/due-checks.ts';

export function homeRoutes(app: FastifyInstance, _services: Services) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const actor = ctx.actor;
    const programme = await programmeOf(ctx);
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
      consultant: await consultantHome(ctx),
      lists: dashboard ? homeLists(dashboard.noContactDays) : null,
      workbookHref: downloadLinks({ path: CASELOAD_PATH }).xlsx,
    });
  });

  // The lists are people's records: only those who may read people may download them (the page shows them only to caseworkers).
  downloadRoutes(app, {
    path: CASELOAD_PATH,
    access: 'people.read',
    build: (request, format) => caseloadDownload({ ctx: request.ctx as SignedInCtx, query: request.query, format }),
  });
}

/** Each list's caption and download links, by the list's name (its table's id on the page). */
function homeLists(noContactDays: number) {
  const titles = homeListTitles(noContactDays);
  return Object.fromEntries(
    TEAM_LEADER_LISTS.map((name) => [name, { caption: titles[name].caption, downloads: downloadLinks({ path: CASELOAD_PATH, table: name }) }]),
  );
}
