import type { SignedInCtx } from '../../http/context.ts';
import type { Download } from '../../http/downloads.ts';
import { calendarDate } from '../../http/sheet-cells.ts';
import { audit } from '../audit/record.ts';
import { roleName } from '../auth/roles.ts';
import { dueList, type DueRow } from './due.ts';

export const DUE_PATH = '/supervision';

/** The list of whose supervision is due, audited as `how` (a list shown, an export) naming every worker in it. */
export async function auditedDueList(ctx: SignedInCtx, how: { action: 'list' | 'export'; view: string }) {
  const due = await dueList(ctx);
  await audit(ctx, { action: how.action, recordType: 'supervision', detail: { view: how.view, superviseeIds: due.rows.map((row) => row.id) } });
  return due;
}

/** The rows by team, in the list's order (team name, then worker): "No team" for staff without one. */
export function byTeam(rows: DueRow[]): { teamName: string; rows: DueRow[] }[] {
  const groups = new Map<string, DueRow[]>();
  for (const row of rows) {
    const name = row.teamName ?? 'No team';
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return [...groups].map(([teamName, teamRows]) => ({ teamName, rows: teamRows }));
}

/** The list as the page shows it, for a spreadsheet: dates only, never a session's content. */
export async function dueDownload(ctx: SignedInCtx): Promise<Download> {
  const { rows, today } = await auditedDueList(ctx, { action: 'export', view: 'due' });
  return {
    filename: `supervision-due-${today}`,
    tables: [
      {
        title: 'Supervision due',
        rows: [
          ['Name', 'Role', 'Team', 'Last session', 'Next due', 'Status'],
          ...rows.map((row) => [
            row.name,
            roleName(row.role),
            row.teamName ?? 'No team',
            calendarDate(row.lastHeldOn),
            calendarDate(row.dueOn),
            row.statusText,
          ]),
        ],
      },
    ],
  };
}
