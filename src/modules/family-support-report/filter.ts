import { z } from 'zod';
import { datePartsOf, endNotBeforeStart, gatherDateParts, givenFields, PERIOD_FIELDS, periodForm, periodQuery } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import { currentFinancialYear, withinAYear, type Period } from './period.ts';
import { choicesNotKnown } from '../reports/filter-options.ts';
import type { FamilyReportOptions } from './options.ts';

/**
 * What the family support report counts: a period (both ends, or neither for the current financial
 * year), and optionally the family's team, its co-ordinator and a referral source. Pages send GOV.UK
 * date inputs, the API 'YYYY-MM-DD'; both become a FamilyFilter with the period's two ends.
 */
const UNKNOWN = {
  teamId: 'Select a team from the list',
  coordinatorId: 'Select a co-ordinator from the list',
  source: 'Select a referral source from the list',
} as const;

const choiceFields = {
  teamId: z.uuid({ error: UNKNOWN.teamId }).optional().describe('Families held by this team'),
  coordinatorId: z.uuid({ error: UNKNOWN.coordinatorId }).optional().describe('Families this user is the family support co-ordinator of'),
  source: z
    .string({ error: UNKNOWN.source })
    .max(40, UNKNOWN.source)
    .optional()
    .describe('A code of the programme’s family referral sources: referrals from it, and families referred by it by the end of the period'),
};

type OpenPeriod = { from?: string; to?: string };
/** Both ends of the period or neither, no longer than a year (the year on year figures compare it with the years before). */
const periodRules = <S extends z.ZodType<OpenPeriod>>(schema: S) =>
  schema
    .refine((period) => period.from === undefined || period.to !== undefined, { path: ['to'], message: 'Enter the end date' })
    .refine((period) => period.to === undefined || period.from !== undefined, { path: ['from'], message: 'Enter the start date' })
    .refine(...endNotBeforeStart)
    .refine((period) => !period.from || !period.to || period.from > period.to || withinAYear(period as Period), { path: ['to'], message: 'The period must be a year or shorter' });

/** The API's querystring (and its OpenAPI description). */
export const familyFilterQuery = periodRules(
  z.object({
    from: periodQuery.from.describe('First day of the period (YYYY-MM-DD); with to, or neither for the current financial year, 1 April to 31 March'),
    to: periodQuery.to.describe('Last day of the period (YYYY-MM-DD), at most a year after from'),
    ...choiceFields,
  }),
);
type ChosenFilter = z.output<typeof familyFilterQuery>;

/** The filter a report is computed for: its period always set. */
export type FamilyFilter = Omit<ChosenFilter, 'from' | 'to'> & Period;

const formSchema = periodRules(z.object({ ...periodForm(), ...choiceFields }));
const FORM_FIELDS = [...PERIOD_FIELDS, ...Object.keys(choiceFields)];

/** The period chosen, or the current financial year where the programme is. */
export const withPeriod = (chosen: ChosenFilter, timeZone: string): FamilyFilter =>
  ({ ...chosen, ...(chosen.from && chosen.to ? { from: chosen.from, to: chosen.to } : currentFinancialYear(timeZone)) }) as FamilyFilter;

/** An id or code that is well formed but not one of the programme's is refused, never ignored. */
export function unknownChoices(filter: ChosenFilter, options: FamilyReportOptions): FieldProblem[] {
  const known = {
    teamId: options.teams.map((team) => team.id),
    coordinatorId: options.coordinators.map((user) => user.id),
    source: options.sources.map((source) => source.code),
  };
  return choicesNotKnown(filter, known, UNKNOWN);
}

type ParsedFamilyFilter = { ok: true; filter: FamilyFilter; form: FormState } | { ok: false; form: FormState };

/**
 * Reads the page's querystring (and its download links'): the filter, and the form to show it in,
 * with the default period's dates filled in when none was given.
 */
export function parseFamilyFilterForm(query: unknown, options: FamilyReportOptions, timeZone: string): ParsedFamilyFilter {
  const values = givenFields(query, FORM_FIELDS);
  const parsed = parseForm(formSchema, gatherDateParts(values, ['from', 'to']), ['from', 'to', ...Object.keys(choiceFields)]);
  if (!parsed.ok) return { ok: false, form: { ...parsed.form, values } };
  const problems = unknownChoices(parsed.data, options);
  if (problems.length > 0) return { ok: false, form: formState(values, problems, FORM_FIELDS) };
  const filter = withPeriod(parsed.data, timeZone);
  return { ok: true, filter, form: formState({ ...values, ...datePartsOf('from', filter.from), ...datePartsOf('to', filter.to) }) };
}
