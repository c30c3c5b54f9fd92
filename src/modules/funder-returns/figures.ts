import type { EngagementReport } from '../reports/engagement-report.ts';
import type { OutcomesReport } from '../reports/outcomes-report.ts';
import { share, type Share } from '../reports/shares.ts';
import type { FamilySupportReport } from '../family-support-report/report.ts';
import type { ReturnReport } from '../returns/report.ts';

/**
 * The figure catalogue: every figure a return template can ask for, the report it comes from, its
 * label, its definition (the words of that report's "How the figures are counted") and how to read
 * it from the report's result. A figure is a count, or a count of a whole with its percentage.
 */
export const FIGURE_REPORTS = {
  engagement: 'Engagement report',
  outcomes: 'Outcomes report',
  'family-support': 'Family support report',
  'return-to-custody': 'Return to custody',
} as const;
export type FigureReport = keyof typeof FIGURE_REPORTS;

export interface FigureValue {
  count: number;
  /** The whole the count is part of (null for a plain count). */
  of: number | null;
  percent: number | null;
  /** Why a figure is not given in full (the report's small-group rule). */
  note?: string;
}

/** The reports' results a return reads (only those its figures need are computed). */
export interface ReportResults {
  engagement?: EngagementReport;
  outcomes?: OutcomesReport;
  'family-support'?: FamilySupportReport;
  'return-to-custody'?: ReturnReport;
}

export interface Figure {
  code: string;
  report: FigureReport;
  label: string;
  definition: string;
  read: (results: ReportResults) => FigureValue;
}

const count = (value: number): FigureValue => ({ count: value, of: null, percent: null });
const ofWhole = (part: Share, whole: number): FigureValue => ({ count: part.count, of: whole, percent: part.percent });

/** A figure of one report, read from that report's result (computed whenever a figure of it is asked for). */
function figureOf<R extends FigureReport>(report: R, read: (result: NonNullable<ReportResults[R]>) => FigureValue) {
  return (code: string, label: string, definition: string): Figure => ({
    code,
    report,
    label,
    definition,
    read: (results) => {
      const result = results[report];
      if (!result) throw new Error(`The ${report} report was not computed`);
      return read(result as NonNullable<ReportResults[R]>);
    },
  });
}

const FUNDED = 'Sign-ups in the funder’s prisons and areas that meet its eligibility rules.';
const SIGNED_UP = `Sign-ups (custody episodes) whose sign-up date is in the period. ${FUNDED}`;
const ENGAGED = 'A sign-up is engaged when it has at least one community contact that happened on or after the day of liberation; a contact only attempted, or entered in error, does not count.';
const HARD = `Of the engaged sign-ups whose sign-up date is in the period, those with at least one hard outcome that counts (not entered in error, not rejected, and verified where its type must be), of any date. ${FUNDED}`;
const FAMILIES = 'Families, not sign-ups: the funder’s prisons, areas and eligibility rules do not narrow them. Anything entered in error counts nowhere.';
const RETURNS = `Liberations whose day of liberation is in the period, followed in the prison service’s extracts for the whole follow-up window (the programme’s, usually 365 days). ${FUNDED}`;

const visits = (codes: string[]) => (report: EngagementReport) =>
  ofWhole(share(report.preReleaseVisits.filter((row) => row.code !== null && codes.includes(row.code)).reduce((sum, row) => sum + row.count, 0), report.signUps), report.signUps);
const hardRow = (category: string) => (report: OutcomesReport) => {
  const row = report.hard.rows.find((one) => one.code === category);
  return row ? ofWhole(row.signUps, report.hard.engagedSignUps) : ofWhole(share(0, report.hard.engagedSignUps), report.hard.engagedSignUps);
};
const returned = (group: string) => (report: ReturnReport) => {
  const rate = report.rates.groups.find((one) => one.code === group);
  const value: FigureValue = { count: rate?.returned ?? 0, of: rate?.followed ?? 0, percent: rate?.rate === null || rate?.rate === undefined ? null : Math.round(rate.rate * 1000) / 10 };
  return report.rates.tooSmall ? { ...value, note: report.rates.tooSmall } : value;
};

export const FIGURES: Figure[] = [
  figureOf('engagement', (r) => count(r.signUps))('sign-ups', 'Sign-ups', `${SIGNED_UP} Someone signed up twice is two sign-ups.`),
  figureOf('engagement', (r) => count(r.people))('people', 'Distinct people', `The people those sign-ups belong to, each counted once however many times they signed up. ${FUNDED}`),
  figureOf('engagement', visits(['1', '2-plus']))('visits-1-plus', 'Sign-ups with 1 or more pre-release visits', `${SIGNED_UP} Visits entered in error are not counted. Percentage of sign-ups.`),
  figureOf('engagement', visits(['2-plus']))('visits-2-plus', 'Sign-ups with 2 or more pre-release visits', `${SIGNED_UP} Visits entered in error are not counted. Percentage of sign-ups.`),
  figureOf('engagement', (r) => ofWhole(r.gateMet, r.signUps))('gate-met', 'Gate meetings met', `${SIGNED_UP} Those met at the prison gate on the day of liberation. Percentage of sign-ups.`),
  figureOf('engagement', (r) => ofWhole(r.engagedSignUps, r.signUps))('engaged-sign-ups', 'Engaged sign-ups', `${SIGNED_UP} ${ENGAGED} Percentage of sign-ups.`),
  figureOf('engagement', (r) => ofWhole(r.engagedPeople, r.people))('engaged-people', 'Engaged people', `People with at least one engaged sign-up in the period. ${ENGAGED} ${FUNDED} Percentage of people.`),
  figureOf('outcomes', hardRow('any'))('hard-outcomes', 'Engaged sign-ups with a hard outcome', `${HARD} Percentage of engaged sign-ups.`),
  figureOf('outcomes', (r) => {
    const any = r.hard.rows.find((row) => row.code === 'any');
    return ofWhole(any?.people ?? share(0, r.hard.engagedPeople), r.hard.engagedPeople);
  })('hard-outcome-people', 'Clients with a hard outcome', `${HARD} Each person counted once, however many of their sign-ups have one. Percentage of engaged people.`),
  figureOf('outcomes', (r) => count(r.employment.jobStarts.count))('job-starts', 'Job starts', `Job starts that started in the period and were not entered in error, on sign-ups of any date. ${FUNDED}`),
  figureOf('outcomes', hardRow('employment'))('hard-employment', 'Engaged sign-ups with an employment outcome', `${HARD} Outcomes of the employment category. Percentage of engaged sign-ups.`),
  figureOf('outcomes', hardRow('training'))('hard-training', 'Engaged sign-ups with a training outcome', `${HARD} Outcomes of the training category. Percentage of engaged sign-ups.`),
  figureOf('outcomes', hardRow('education'))('hard-education', 'Engaged sign-ups with an education outcome', `${HARD} Outcomes of the education category. Percentage of engaged sign-ups.`),
  figureOf('outcomes', hardRow('accommodation'))('hard-accommodation', 'Engaged sign-ups with an accommodation outcome', `${HARD} Outcomes of the accommodation category. Percentage of engaged sign-ups.`),
  figureOf('family-support', (r) => count(r.figures.referrals.families))('families-referred', 'Families referred', `Families with at least one referral to family support dated in the period, each once. ${FAMILIES}`),
  figureOf('family-support', (r) => ofWhole(share(r.figures.referrals.familiesEngaged, r.figures.referrals.families), r.figures.referrals.families))(
    'families-engaged',
    'Families engaged',
    `Families with at least one referral of the period whose family engaged (had its first contact after the referral, on any date). Percentage of families referred. ${FAMILIES}`,
  ),
  figureOf('family-support', (r) => count(r.figures.people.direct.adults + r.figures.people.indirect.adults))(
    'adults-supported',
    'Adults supported',
    `Family members who took part in a contact or session given in the period (directly), and the other members of the families given one (indirectly), each once; an adult if 18 or over on the day of the first contact of the period. ${FAMILIES}`,
  ),
  figureOf('family-support', (r) => count(r.figures.people.direct.children + r.figures.people.indirect.children))(
    'children-supported',
    'Children supported',
    `Family members supported directly or indirectly in the period, each once, who were under 18 on the day of the first contact of the period (where the date of birth is not known, as the age group recorded). ${FAMILIES}`,
  ),
  figureOf('return-to-custody', (r) => count(r.wholeWindow))('liberations-followed', 'Liberations followed up', `${RETURNS} A person liberated twice is counted twice.`),
  figureOf('return-to-custody', returned('engaged'))(
    'returned-engaged',
    'Returned to custody within the window: engaged',
    `${RETURNS} Of those that engaged in the community, those whose first admission came within the window. The rate is given only when each group has at least the programme’s minimum of liberations followed.`,
  ),
  figureOf('return-to-custody', returned('not-engaged'))(
    'returned-not-engaged',
    'Returned to custody within the window: did not engage',
    `${RETURNS} Of those with no community contact after liberation, those whose first admission came within the window. The rate is given only when each group has at least the programme’s minimum of liberations followed.`,
  ),
];

export const FIGURE_CODES = FIGURES.map((figure) => figure.code);
export const figureByCode = (code: string) => FIGURES.find((figure) => figure.code === code);

/** The catalogue grouped by report, for the template form's checkboxes. */
export const figuresByReport = () =>
  (Object.keys(FIGURE_REPORTS) as FigureReport[]).map((report) => ({ report, label: FIGURE_REPORTS[report], figures: FIGURES.filter((figure) => figure.report === report) }));
