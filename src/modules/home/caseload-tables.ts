import { calendarDate, type SheetCell } from '../../http/sheet-cells.ts';
import { roleName } from '../auth/roles.ts';
import type { caseloadDashboard, teamCaseloads } from './caseload.ts';

/**
 * The lists on a caseworker's home page, by name (their tables' ids on the page): what each is
 * called, on the page and as a sheet of a workbook, and its rows as downloaded.
 */
export const CASELOAD_LISTS = ['liberations', 'gate', 'no-contact', 'overdue'] as const;
/** A team leader's home page also lists the team's workers and their caseloads. */
export const TEAM_LEADER_LISTS = [...CASELOAD_LISTS, 'caseloads'] as const;
export type HomeListName = (typeof TEAM_LEADER_LISTS)[number];

type Dashboard = Awaited<ReturnType<typeof caseloadDashboard>>;
type Caseloads = Awaited<ReturnType<typeof teamCaseloads>>;

export function homeListTitles(noContactDays: number): Record<HomeListName, { caption: string; sheet: string }> {
  return {
    liberations: { caption: 'Liberations in the next six weeks', sheet: 'Liberations in next six weeks' },
    gate: { caption: 'Gate meetings this week', sheet: 'Gate meetings this week' },
    'no-contact': { caption: `No contact for ${noContactDays} days or more`, sheet: `No contact for ${noContactDays} days` },
    overdue: { caption: 'Overdue plan actions', sheet: 'Overdue plan actions' },
    caseloads: { caption: 'Caseloads', sheet: 'Caseloads' },
  };
}

const client = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;
/** As the page shows a code: its first letter capital, the rest lower case. */
const capitalised = (code: string | null) => (code ? code.charAt(0).toUpperCase() + code.slice(1).toLowerCase() : null);

/** Each list's rows as downloaded, the header first: what its table on the page shows, a value a cell. */
export function homeListRows(props: { dashboard: Dashboard; caseloads: Caseloads }): Record<HomeListName, SheetCell[][]> {
  const { dashboard, caseloads } = props;
  return {
    liberations: [
      ['Client', 'Expected liberation', 'Pre-release visits'],
      ...dashboard.liberations.map((row) => [client(row), calendarDate(row.expectedLiberationOn), row.visits]),
    ],
    gate: [
      ['Client', 'Day', 'Prison', 'Gate meeting'],
      ...dashboard.gateMeetings.map((row) => [client(row), calendarDate(row.gateOn), row.prisonName, capitalised(row.gateStatus)]),
    ],
    'no-contact': [
      ['Client', 'Liberated', 'Last contact'],
      ...dashboard.noContact.map((row) => [client(row), calendarDate(row.liberatedOn), calendarDate(row.lastContactOn) ?? 'None since liberation']),
    ],
    overdue: [['Client', 'Goal', 'Action', 'Due'], ...dashboard.overdue.map((row) => [client(row), row.goal, row.action, calendarDate(row.dueOn)])],
    caseloads: [['Worker', 'Role', 'Open clients'], ...caseloads.map((worker) => [worker.name, roleName(worker.role), worker.openClients])],
  };
}

/** The people in the chosen lists, each once: a download of them is audited with their ids. */
export function peopleIn(props: { dashboard: Dashboard; lists: readonly HomeListName[] }): string[] {
  const { dashboard, lists } = props;
  const byList: Record<Exclude<HomeListName, 'caseloads'>, { personId: string }[]> = {
    liberations: dashboard.liberations,
    gate: dashboard.gateMeetings,
    'no-contact': dashboard.noContact,
    overdue: dashboard.overdue,
  };
  const ids = lists.flatMap((list) => (list === 'caseloads' ? [] : byList[list].map((row) => row.personId)));
  return [...new Set(ids)];
}
