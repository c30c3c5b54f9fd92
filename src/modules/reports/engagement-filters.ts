import { z } from 'zod';
import { endNotBeforeStart, gatherDateParts, givenFields, PERIOD_FIELDS, periodForm, periodQuery } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import { AGE_BAND_CODES } from './bands.ts';
import { choicesNotKnown, type FilterOptions } from './filter-options.ts';

/**
 * Which sign-ups the engagement report counts. The period is of episode.signed_up_on, both ends
 * included; every other filter narrows the sign-ups further. Pages send GOV.UK date inputs
 * (`from-day`, `from-month`, `from-year`), the API 'YYYY-MM-DD'; both become an EngagementFilter.
 */
const UNKNOWN = {
  prisonId: 'Select a prison from the list',
  teamId: 'Select a team from the list',
  areaId: 'Select an area from the list',
  workerId: 'Select a worker from the list',
  gender: 'Select a gender from the list',
  ageBand: 'Select an age band from the list',
} as const;

const choiceFields = {
  prisonId: z.uuid({ error: UNKNOWN.prisonId }).optional(),
  teamId: z.uuid({ error: UNKNOWN.teamId }).optional(),
  areaId: z.uuid({ error: UNKNOWN.areaId }).optional(),
  workerId: z.uuid({ error: UNKNOWN.workerId }).optional(),
  gender: z.string({ error: UNKNOWN.gender }).max(40, UNKNOWN.gender).optional(),
  ageBand: z.enum(AGE_BAND_CODES, { error: UNKNOWN.ageBand }).optional(),
};

/** The API's querystring (and its OpenAPI description). */
export const engagementFilterQuery = z
  .object({
    from: periodQuery.from.describe('First day of the period: sign-ups on or after it (YYYY-MM-DD)'),
    to: periodQuery.to.describe('Last day of the period: sign-ups on or before it (YYYY-MM-DD)'),
    prisonId: choiceFields.prisonId.describe('Sign-ups in this prison'),
    teamId: choiceFields.teamId.describe('Sign-ups allocated to this team'),
    areaId: choiceFields.areaId.describe('Community justice area: that of the person’s local authority, or else of the sign-up’s team'),
    workerId: choiceFields.workerId.describe('Sign-ups this user is, or has been, assigned to as the prison or the community life coach'),
    gender: choiceFields.gender.describe('A code from the programme’s gender list'),
    ageBand: choiceFields.ageBand.describe('Age in whole years on the day of sign-up'),
  })
  .refine(...endNotBeforeStart);

/**
 * What a funder funds (funder-returns/): sign-ups in any of these prisons and areas (none listed: any),
 * of these age bands (none: any) and sentence lengths (months, both ends included). Never read from a
 * querystring: a return template sets it.
 */
export interface FundedScope {
  prisonIds: readonly string[];
  areaIds: readonly string[];
  ageBands: readonly string[];
  sentenceMinMonths: number | null;
  sentenceMaxMonths: number | null;
}

export type EngagementFilter = z.output<typeof engagementFilterQuery> & { funded?: FundedScope };

/** The page's filter form: the same filters, with the dates as GOV.UK date inputs. */
const engagementFilterForm = z
  .object({ ...periodForm(), ...choiceFields })
  .refine(...endNotBeforeStart);

const FORM_FIELDS = [...PERIOD_FIELDS, ...Object.keys(choiceFields)];

export type ParsedFilter<Filter = EngagementFilter> = { ok: true; filter: Filter; form: FormState } | { ok: false; form: FormState };

/** A report's own fields besides the filters (a window, a comparison): plain values, the same on the page and the API. */
export type FilterExtras = z.ZodRawShape;
export type FilterWith<Extra extends FilterExtras> = EngagementFilter & z.output<z.ZodObject<Extra>>;

/** The API's querystring with a report's own fields. */
export const filterQueryWith = <Extra extends FilterExtras>(extra: Extra) => engagementFilterQuery.safeExtend(extra);

/** Reads the page's querystring (and its CSV links'): the filter, and the form to show it in. */
export function parseFilterForm<Extra extends FilterExtras = Record<never, never>>(query: unknown, extra?: Extra): ParsedFilter<FilterWith<Extra>> {
  const values = givenFields(query, [...FORM_FIELDS, ...Object.keys(extra ?? {})]);
  const parsed = parseForm(engagementFilterForm.safeExtend(extra ?? {}), gatherDateParts(values, ['from', 'to']));
  if (!parsed.ok) return { ok: false, form: { ...parsed.form, values } };
  return { ok: true, filter: parsed.data as FilterWith<Extra>, form: formState(values) };
}

/** An id or code that is well formed but not one of the programme's is refused, never ignored. */
export function unknownChoices(props: { filter: EngagementFilter; options: FilterOptions }): FieldProblem[] {
  const { filter, options } = props;
  const known = {
    prisonId: options.prisons.map((prison) => prison.id),
    teamId: options.teams.map((team) => team.id),
    areaId: options.areas.map((area) => area.id),
    workerId: options.workers.map((worker) => worker.id),
    gender: options.genders.map((gender) => gender.code),
    ageBand: [...AGE_BAND_CODES],
  };
  return choicesNotKnown(filter, known, UNKNOWN);
}
