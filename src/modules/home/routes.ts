import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { can, CASEWORK_ROLES } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { PAGE_SIZE, pageLinks } from '../caseload/filters.ts';
import { caseloadDashboard, DASHBOARD_LIST_LIMIT, EXCEPTION_LISTS, programmeOf, teamCaseloads } from './caseload.ts';
import { CASELOAD_PATH, caseloadDownload } from './caseload-download.ts';
import { homeListTitles, TEAM_LEADER_LISTS } from './caseload-tables.ts';
import { HOME_INTRODUCTIONS } from './roles-home.ts';
import { consultantHome } from '../employment/due-checks.ts';
import { agencyHome } from '../referrals/portal/lists.ts';
import { coordinatorFamilies } from '../families/home.ts';
import { overdueSupervision } from '../supervision/home.ts';
import { withExpiringCount } from '../staff/list.ts';

const listParams = z.object({ list: z.enum(EXCEPTION_LISTS) });
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

export function homeRoutes(app: FastifyInstance, _services: Services) {
  app.get('/', { config: { access: 'home.view' } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const actor = ctx.actor;
    const programme = await programmeOf(ctx);
    const caseworker = CASEWORK_ROLES.includes(actor.role);
    const introduction = HOME_INTRODUCTIONS[actor.role];
    const [dashboard, caseloads, consultant, agency, myFamilies, supervision, work] = await Promise.all([
      caseworker ? caseloadDashboard(ctx) : null,
      actor.role === 'team_leader' ? teamCaseloads(ctx) : null,
      consultantHome(ctx),
      agencyHome(ctx),
      coordinatorFamilies(ctx, 'home'),
      overdueSupervision(ctx),
      withExpiringCount(ctx, introduction.today.filter((item) => can(actor, item.action))),
    ]);
    if (dashboard) await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'caseload' } });
    return reply.view('home/views/home.njk', {
      pageTitle: 'Home',
      programme,
      introduction,
      work,
      dashboard,
      caseloads,
      consultant,
      agencyHome: agency,
      myFamilies,
      supervision,
      lists: dashboard ? homeLists(dashboard.noContactDays) : null,
      listNames: EXCEPTION_LISTS,
      listLimit: DASHBOARD_LIST_LIMIT,
      workbookHref: downloadLinks({ path: CASELOAD_PATH }).xlsx,
    });
  });

  // Each exception list of the home page in full, a page at a time: the home page shows its first rows and links here.
  app.get(`${CASELOAD_PATH}/:list`, { config: { access: 'caseload.read' }, schema: { params: listParams } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const parsed = listParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { list } = parsed.data;
    const { page } = listQuery.parse(request.query ?? {});
    const dashboard = await caseloadDashboard(ctx, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, only: [list] });
    await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'caseload', list, page } });
    const lists = homeLists(dashboard.noContactDays);
    const total = dashboard.totals[list];
    return reply.view('home/views/list.njk', {
      pageTitle: lists[list].caption,
      name: list,
      list: lists[list],
      dashboard,
      page,
      total,
      first: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
      last: Math.min(page * PAGE_SIZE, total),
      pagination: pageLinks({ page, total, href: (n) => (n === 1 ? lists[list].href : `${lists[list].href}?page=${n}`) }),
    });
  });

  // The lists are people's records: only those who may read people may download them (the page shows them only to caseworkers).
  downloadRoutes(app, {
    path: CASELOAD_PATH,
    access: 'people.read',
    build: (request, format) => caseloadDownload({ ctx: request.ctx as SignedInCtx, query: request.query, format }),
  });
}

/** Each list's caption, its own page and its download links, by the list's name (its table's id on the page). */
function homeLists(noContactDays: number) {
  const titles = homeListTitles(noContactDays);
  return Object.fromEntries(
    TEAM_LEADER_LISTS.map((name) => [
      name,
      { caption: titles[name].caption, href: `${CASELOAD_PATH}/${name}`, downloads: downloadLinks({ path: CASELOAD_PATH, table: name }) },
    ]),
  ) as Record<(typeof TEAM_LEADER_LISTS)[number], { caption: string; href: string; downloads: ReturnType<typeof downloadLinks> }>;
}
