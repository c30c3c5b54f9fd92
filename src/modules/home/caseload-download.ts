import type { SignedInCtx } from '../../http/context.ts';
import { chooseTables, type Download, type DownloadFormat } from '../../http/downloads.ts';
import { audit } from '../audit/record.ts';
import { caseloadDashboard, teamCaseloads } from './caseload.ts';
import { CASELOAD_LISTS, homeListRows, homeListTitles, peopleIn, TEAM_LEADER_LISTS } from './caseload-tables.ts';

/** The home page is '/': its lists download from here. */
export const CASELOAD_PATH = '/caseload';

/**
 * One list of the home page (`?table=`), or for XLSX without one every list, a sheet each: every
 * row, not the page's first 200. Listing people is audited as the home page audits it, and the
 * download as an export with the ids of the people in it.
 */
export async function caseloadDownload(props: { ctx: SignedInCtx; query: unknown; format: DownloadFormat }): Promise<Download> {
  const { ctx, query, format } = props;
  const lists = chooseTables({ format, names: ctx.actor.role === 'team_leader' ? TEAM_LEADER_LISTS : CASELOAD_LISTS, query });
  const dashboard = await caseloadDashboard(ctx, { limit: null });
  const caseloads = lists.includes('caseloads') ? await teamCaseloads(ctx) : [];
  const personIds = peopleIn({ dashboard, lists });
  const listsPeople = lists.some((list) => list !== 'caseloads');
  if (listsPeople) await audit(ctx, { action: 'list', recordType: 'person', detail: { view: 'caseload' } });
  const list = lists.length === 1 ? lists[0] : undefined;
  await audit(ctx, {
    action: 'export',
    recordType: listsPeople ? 'person' : 'user',
    detail: { list: 'caseload', table: list ?? 'all', ...(listsPeople ? { personIds } : { count: caseloads.length }) },
  });
  const rows = homeListRows({ dashboard, caseloads });
  const titles = homeListTitles(dashboard.noContactDays);
  return {
    filename: ['caseload', ...(list ? [list] : []), dashboard.now].join('-'),
    tables: lists.map((name) => ({ title: titles[name].sheet, rows: rows[name] })),
  };
}
