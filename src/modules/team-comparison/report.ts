import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { can, CASEWORK_ROLES } from '../auth/policy.ts';
import type { EngagementFilter } from '../reports/engagement-filters.ts';
import type { FilterOptions } from '../reports/filter-options.ts';
import { percentOf, share, type Share } from '../reports/shares.ts';
import { getRules } from '../settings/service.ts';
import { staffResource } from '../staff/member.ts';
import { countOpenCaseloads, countSelection, type Keyed, type Level, type SelectionCounts } from './sign-up-figures.ts';
import { countSupervision, type SupervisionCounts } from './supervision-figures.ts';

/** One team's or worker's figures, as the page, downloads and API give them. */
export interface ComparisonFigures {
  openCaseload: number;
  signUps: number;
  preReleaseVisits: { count: number; perSignUp: number | null };
  /** Gate meetings met, as a share of the sign-ups liberated. */
  gateMet: Share & { liberated: number };
  /** Engaged sign-ups, as a share of the sign-ups: the engagement rate. */
  engaged: Share;
  contacts: { count: number; perEngagedClient: number | null };
  daysToFirstContact: { median: number | null; of: number };
  hardOutcomes: number;
  /**
   * null on a worker's row when the reader may not see that worker's supervision (policy's
   * supervision.read: the worker, the leader of their team, managers); a team's row always has it.
   */
  supervision: { sessions: number; onTime: Share } | null;
  /** Fewer sign-ups than the programme's smallest group to compare: its rates, ratios and median are marked. */
  tooFewToCompare: boolean;
}

interface TeamRow extends ComparisonFigures {
  teamId: string | null;
  name: string;
}

interface WorkerRow extends ComparisonFigures {
  userId: string;
  name: string;
  teamId: string | null;
  teamName: string;
}

export interface TeamComparisonReport {
  filter: EngagementFilter;
  /** The programme's settings the figures use: the smallest group compared, and weeks between supervision sessions. */
  minGroup: number;
  intervalWeeks: number;
  teams: TeamRow[];
  workers: WorkerRow[];
}

const NO_TEAM = 'No team';

const EMPTY: SelectionCounts = { signUps: 0, preReleaseVisits: 0, liberated: 0, gateMet: 0, engaged: 0, contacts: 0, medianDays: null, hardOutcomes: 0 };

/** Two decimal places, half up, as a ratio is shown. */
const ratio = (count: number, whole: number) => (whole === 0 ? null : Math.round((count * 100) / whole) / 100);

/** Each figure family's rows by level and key. */
const byKey =
  <Figures>(rows: Keyed<Figures>[]) =>
  (level: Level, key: string | null) =>
    rows.find((row) => row.level === level && row.key === key)?.figures;

function figuresOf(counts: SelectionCounts, open: number, supervision: SupervisionCounts, minGroup: number): ComparisonFigures {
  return {
    openCaseload: open,
    signUps: counts.signUps,
    preReleaseVisits: { count: counts.preReleaseVisits, perSignUp: ratio(counts.preReleaseVisits, counts.signUps) },
    gateMet: { ...share(counts.gateMet, counts.liberated), liberated: counts.liberated },
    engaged: share(counts.engaged, counts.signUps),
    contacts: { count: counts.contacts, perEngagedClient: ratio(counts.contacts, counts.engaged) },
    daysToFirstContact: { median: counts.medianDays, of: counts.engaged },
    hardOutcomes: counts.hardOutcomes,
    supervision: { sessions: supervision.sessions, onTime: { count: supervision.onTime, percent: percentOf(supervision.onTime, supervision.sessions) } },
    tooFewToCompare: counts.signUps < minGroup,
  };
}

/** Active caseworkers, with their team: the workers a row may be shown for. */
function caseworkers(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user')
    .select(['id', 'programme_id as programmeId', 'display_name as name', 'team_id as teamId'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('active', '=', true)
    .where('role', 'in', CASEWORK_ROLES)
    .orderBy('display_name')
    .execute();
}

/**
 * The team comparison for the filter (its ids checked against the options): each team (the team
 * filter's only, when set; "No team" when a sign-up has none), then each active caseworker with a
 * sign-up in the selection or an open caseload (the worker filter's only, when set), grouped by team.
 */
export async function teamComparisonReport(props: { ctx: SignedInCtx; filter: EngagementFilter; options: FilterOptions }): Promise<TeamComparisonReport> {
  const { ctx, filter, options } = props;
  const [rules, selection, open, supervision, workers] = await Promise.all([
    getRules(ctx),
    countSelection(props),
    countOpenCaseloads({ ...props, today: today(ctx.actor.timeZone) }),
    countSupervision(props),
    caseworkers(ctx),
  ]);
  const minGroup = rules.comparisonMinGroup;
  const [selectionOf, openOf, supervisionOf] = [byKey(selection), byKey(open), byKey(supervision)];
  const figures = (level: Level, key: string | null) =>
    figuresOf(selectionOf(level, key) ?? EMPTY, openOf(level, key) ?? 0, supervisionOf(level, key) ?? { sessions: 0, onTime: 0 }, minGroup);
  const hasSignUps = (level: Level, key: string | null) => selectionOf(level, key) !== undefined || openOf(level, key) !== undefined;

  const teamNames = new Map(options.teams.map((team) => [team.id, team.name]));
  const teamIds: (string | null)[] = filter.teamId ? [filter.teamId] : [...options.teams.map((team) => team.id), ...(hasSignUps('team', null) ? [null] : [])];
  const teams = teamIds.map((teamId) => ({ teamId, name: teamId === null ? NO_TEAM : (teamNames.get(teamId) ?? NO_TEAM), ...figures('team', teamId) }));
  const teamOrder = new Map(teamIds.map((teamId, index) => [teamId, index]));
  const rank = (teamId: string | null) => teamOrder.get(teamId) ?? teamIds.length;

  const shown = workers.filter((worker) => (filter.workerId ? worker.id === filter.workerId : true) && hasSignUps('worker', worker.id));
  return {
    filter,
    minGroup,
    intervalWeeks: rules.supervisionIntervalWeeks,
    teams,
    workers: shown
      .map((worker) => ({
        userId: worker.id,
        name: worker.name,
        teamId: worker.teamId,
        teamName: worker.teamId === null ? NO_TEAM : (teamNames.get(worker.teamId) ?? NO_TEAM),
        ...figures('worker', worker.id),
        ...(can(ctx.actor, 'supervision.read', staffResource(worker)) ? {} : { supervision: null }),
      }))
      .sort((a, b) => rank(a.teamId) - rank(b.teamId)),
  };
}
