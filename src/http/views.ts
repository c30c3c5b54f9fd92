import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import { can, type Action } from '../modules/auth/policy.ts';
import { roleName, type Actor } from '../modules/auth/roles.ts';
import { formatCalendarDate, formatMoment } from './dates.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const nodeModule = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

/** Every module keeps its templates in its own views/ folder; the layout and shared pages are in src/views. */
const TEMPLATE_DIRS = [here('../views'), here('../modules'), nodeModule('govuk-frontend/dist'), nodeModule('@ministryofjustice/frontend')];

interface NavigationItem {
  href: string;
  text: string;
  action: Action;
}

/** The service navigation: each item shows only to those the policy lets use it. */
const NAVIGATION: NavigationItem[] = [
  { href: '/', text: 'Home', action: 'home.view' },
  { href: '/caseload', text: 'Caseload', action: 'caseload.read' },
  { href: '/diary', text: 'Diary', action: 'diary.read' },
  { href: '/people', text: 'People', action: 'people.read' },
  { href: '/families', text: 'Families', action: 'families.create' },
  { href: '/staff', text: 'Staff', action: 'staff.list' },
  { href: '/agencies', text: 'Agencies', action: 'agencies.read' },
  { href: '/admin/users', text: 'Users', action: 'users.read' },
  { href: '/admin/reference', text: 'Prisons, areas and teams', action: 'reference.read' },
  // Shown to whoever may read one of the report tabs, leading to the first of them (navigationFor).
  { href: '/reports/engagement', text: 'Reports', action: 'reports.read' },
  { href: '/funder-returns', text: 'Funder returns', action: 'funderReturns.read' },
  { href: '/reports/research-extract', text: 'Research extract', action: 'exports.research' },
  { href: '/imports', text: 'Imports', action: 'imports.run' },
  { href: '/admin/settings', text: 'Settings', action: 'settings.manage' },
  { href: '/admin/audit', text: 'Audit log', action: 'audit.read' },
  { href: '/admin/export', text: 'Export', action: 'exports.programme' },
  { href: '/admin/subject-access', text: 'Subject access', action: 'exports.subjectAccess' },
];

/** The programme reports' tabs: each shows only to those the policy lets read it. */
const REPORT_TABS: NavigationItem[] = [
  { href: '/reports/engagement', text: 'Engagement', action: 'reports.read' },
  { href: '/reports/outcomes', text: 'Outcomes', action: 'reports.read' },
  { href: '/reports/funnel', text: 'Funnel', action: 'reports.read' },
  { href: '/reports/referrals', text: 'Referrals', action: 'reports.read' },
  { href: '/reports/family-support', text: 'Family support', action: 'reports.familySupport' },
  { href: '/reports/return-to-custody', text: 'Return to custody', action: 'reports.returns' },
  { href: '/reports/teams', text: 'Team comparison', action: 'reports.teams' },
];

export function reportTabsFor(actor: Actor | null, currentPath: string) {
  return REPORT_TABS.filter((item) => can(actor, item.action)).map((item) => ({ href: item.href, text: item.text, active: currentPath === item.href }));
}

/** Whether a navigation item is the current section: Reports is, on every report's tab. */
function isCurrent(item: NavigationItem, currentPath: string): boolean {
  if (item.href === '/') return currentPath === '/';
  if (item.href === REPORT_TABS[0]?.href) return REPORT_TABS.some((tab) => currentPath.startsWith(tab.href));
  return currentPath.startsWith(item.href);
}

/**
 * The navigation the actor may use. Reports shows to anyone who may read one of the report tabs, and
 * leads to the first of them they may (a family support co-ordinator's is the family support report).
 */
export function navigationFor(actor: Actor | null, currentPath: string) {
  const reports = REPORT_TABS.find((tab) => can(actor, tab.action));
  return NAVIGATION.flatMap((item) => {
    if (item.href === REPORT_TABS[0]?.href) return reports ? [{ href: reports.href, text: item.text, active: isCurrent(item, currentPath) }] : [];
    return can(actor, item.action) ? [{ href: item.href, text: item.text, active: isCurrent(item, currentPath) }] : [];
  });
}

/**
 * Nunjucks' own `trim` is a regular expression (/^\s*|\s*$/g) that tries the end of the text from
 * every space in it: GOV.UK Frontend's page template trims the page's header and footer with it on
 * every page, and that took about a millisecond a page, a third of rendering one (measured over
 * the hostile-input walk's 2,200 requests). The same trim, keeping a safe string safe; nothing
 * (null, undefined) trims to nothing, as Nunjucks' other filters have it.
 */
export function trim(text: string | nunjucks.runtime.SafeString | null | undefined): string | nunjucks.runtime.SafeString {
  const trimmed = (text ?? '').toString().trim();
  return text instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}

export async function registerViews(app: FastifyInstance) {
  await app.register(fastifyStatic, {
    root: [nodeModule('govuk-frontend/dist/govuk/assets'), nodeModule('govuk-frontend/dist/govuk'), here('../assets')],
    prefix: '/assets/',
    allowedPath: (path) => /\.(css|js|mjs|map|woff2?|png|svg|ico|json)$/.test(path) && !path.includes('..'),
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: nodeModule('@ministryofjustice/frontend/moj'),
    prefix: '/assets/moj/',
    decorateReply: false,
    allowedPath: (path) => /\.(css|js|map|png|svg)$/.test(path),
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: TEMPLATE_DIRS,
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('ukDate', formatCalendarDate);
        env.addFilter('ukDateTime', function (this: { ctx: { actor?: { timeZone?: string } } }, moment: Date) {
          return formatMoment(moment, this.ctx.actor?.timeZone);
        });
        env.addFilter('roleName', roleName);
        env.addFilter('trim', trim);
        env.addGlobal('serviceName', 'Throughcare');
      },
    },
  });
}
