import { z } from 'zod';
import { filterJson, filterToJson } from '../reports/filter-json.ts';
import type { ComparisonFigures, TeamComparisonReport } from './report.ts';

const percent = (of: string) => z.number().nullable().describe(`Per cent of ${of}, one decimal place; null when there are none`);
const ratio = (of: string) => z.number().nullable().describe(`Per ${of}, two decimal places; null when there are none`);

const figuresJson = {
  tooFewToCompare: z
    .boolean()
    .describe('Fewer sign-ups than the programme’s smallest group to compare (minGroup): the rates, ratios and median are shown but too uncertain to compare'),
  openCaseload: z
    .number()
    .int()
    .describe('Sign-ups not closed today matching the filters (not the period): held by the team, or currently assigned to the worker in any part'),
  signUps: z
    .number()
    .int()
    .describe('Sign-ups in the period matching the filters: held by the team, or assigned (now or before) to the worker as prison or community life coach'),
  preReleaseVisits: z.object({ count: z.number().int(), perSignUp: ratio('sign-up') }),
  gateMeetingsMet: z.object({
    count: z.number().int(),
    liberated: z.number().int().describe('Sign-ups liberated'),
    percent: percent('the sign-ups liberated'),
  }),
  engaged: z
    .object({ count: z.number().int(), percent: percent('the sign-ups') })
    .describe('Sign-ups with a community contact that happened on or after liberation; the percentage is the engagement rate'),
  contacts: z
    .object({ count: z.number().int(), perEngagedClient: ratio('engaged sign-up') })
    .describe('Community contacts that happened on or after liberation, not entered in error, on the engaged sign-ups'),
  daysToFirstContact: z.object({
    median: z.number().nullable().describe('Median days from liberation to the first community contact'),
    of: z.number().int().describe('The engaged sign-ups it is the median of'),
  }),
  hardOutcomes: z
    .number()
    .int()
    .describe('Hard outcomes of the sign-ups, of any date, that count (not in error, not rejected, verified where their type must be)'),
  supervision: z
    .object({ sessions: z.number().int(), onTime: z.number().int(), percent: percent('the sessions') })
    .nullable()
    .describe(
      'Sessions held in the period with the team’s workers (or the worker) as supervisee, and those held on or before their due date: the next date agreed at the previous session, else the interval after it (after the account was created, for the first). null on a worker the reader may not see the supervision of (only the worker, the leader of their team and managers may)',
    ),
};

/** The API's team comparison: every figure for each team and worker, with the filter and settings it was computed for. */
export const teamComparisonJson = z.object({
  filter: filterJson,
  minGroup: z.number().int().describe('The smallest number of sign-ups whose figures are compared (the programme’s setting)'),
  supervisionIntervalWeeks: z.number().int().describe('Weeks between supervision sessions (the programme’s setting)'),
  teams: z.array(z.object({ teamId: z.string().nullable().describe('null: sign-ups with no team'), name: z.string(), ...figuresJson })),
  workers: z.array(
    z
      .object({ userId: z.string(), name: z.string(), teamId: z.string().nullable(), teamName: z.string(), ...figuresJson })
      .describe('Active caseworkers with a sign-up in the selection or an open caseload'),
  ),
});

function figuresToJson(figures: ComparisonFigures) {
  return {
    tooFewToCompare: figures.tooFewToCompare,
    openCaseload: figures.openCaseload,
    signUps: figures.signUps,
    preReleaseVisits: figures.preReleaseVisits,
    gateMeetingsMet: { count: figures.gateMet.count, liberated: figures.gateMet.liberated, percent: figures.gateMet.percent },
    engaged: { count: figures.engaged.count, percent: figures.engaged.percent },
    contacts: figures.contacts,
    daysToFirstContact: figures.daysToFirstContact,
    hardOutcomes: figures.hardOutcomes,
    supervision: figures.supervision && { sessions: figures.supervision.sessions, onTime: figures.supervision.onTime.count, percent: figures.supervision.onTime.percent },
  };
}

export function teamComparisonToJson(report: TeamComparisonReport): z.infer<typeof teamComparisonJson> {
  return {
    filter: filterToJson(report.filter),
    minGroup: report.minGroup,
    supervisionIntervalWeeks: report.intervalWeeks,
    teams: report.teams.map((team) => ({ teamId: team.teamId, name: team.name, ...figuresToJson(team) })),
    workers: report.workers.map((worker) => ({
      userId: worker.userId,
      name: worker.name,
      teamId: worker.teamId,
      teamName: worker.teamName,
      ...figuresToJson(worker),
    })),
  };
}
