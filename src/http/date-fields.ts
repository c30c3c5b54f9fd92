import { z } from 'zod';
import { DEFAULT_TIME_ZONE, formatInZone } from './dates.ts';
import { formState, parseForm, type FormState } from './forms.ts';

/**
 * Calendar dates in forms and the API. Pages use the GOV.UK date input (day, month and year boxes,
 * posted as `name-day`, `name-month`, `name-year`); the API takes 'YYYY-MM-DD'. Either way the
 * domain sees a 'YYYY-MM-DD' string, checked to be a real date.
 */
export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDay = formatInZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date where the programme is (not where the server is). */
export function today(timeZone = DEFAULT_TIME_ZONE): string {
  return isoDay(timeZone).format(new Date());
}

export const isoDate = (label: string) => z.string({ error: `Enter ${label}` }).refine(isRealDate, `${capitalise(label)} must be a real date, as YYYY-MM-DD`);

interface DateFieldOptions {
  /** How the message names the date: 'the date of birth'. */
  label: string;
  required?: boolean;
  /** Refuse dates after today (in the programme's time zone). */
  notFuture?: boolean;
}

const capitalise = (text: string) => text.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase());

/** A GOV.UK date input's three boxes as one 'YYYY-MM-DD' value (or undefined when left empty and optional). */
export function dateField(options: DateFieldOptions) {
  const name = capitalise(options.label);
  return z.object({ day: z.string().trim().default(''), month: z.string().trim().default(''), year: z.string().trim().default('') }).transform((parts, ctx) => {
    const given = [parts.day, parts.month, parts.year].filter((part) => part !== '').length;
    if (given === 0) {
      if (options.required) ctx.addIssue({ code: 'custom', message: `Enter ${options.label}` });
      return undefined;
    }
    const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '');
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${name} must include a ${missing.join(' and ')}` });
      return z.NEVER;
    }
    if (!/^\d{1,2}$/.test(parts.day) || !/^\d{1,2}$/.test(parts.month) || !/^\d{4}$/.test(parts.year)) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a real date` });
      return z.NEVER;
    }
    const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
    if (!isRealDate(iso)) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a real date` });
      return z.NEVER;
    }
    if (options.notFuture && iso > today()) {
      ctx.addIssue({ code: 'custom', message: `${name} must be today or in the past` });
      return z.NEVER;
    }
    return iso;
  });
}

/**
 * Gathers `x-day`, `x-month`, `x-year` form fields into `x: { day, month, year }` for the named
 * dates, so a zod schema can check each date as one field. Other fields pass through.
 */
export function gatherDateParts(body: unknown, names: string[]): Record<string, unknown> {
  const values = { ...((body && typeof body === 'object' ? body : {}) as Record<string, unknown>) };
  for (const name of names) {
    values[name] = { day: values[`${name}-day`] ?? '', month: values[`${name}-month`] ?? '', year: values[`${name}-year`] ?? '' };
  }
  return values;
}

/** The three boxes' values for a stored date, to fill an edit form. */
export function datePartsOf(name: string, iso: string | null | undefined): Record<string, string> {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : [];
  return { [`${name}-day`]: day ? String(Number(day)) : '', [`${name}-month`]: month ? String(Number(month)) : '', [`${name}-year`]: year };
}

/** Today's date in the three boxes, for a date whose usual answer is today (a contact's, a visit's). */
export const todaysDateParts = (name: string, timeZone?: string) => datePartsOf(name, today(timeZone));

/** A period's two ends: 'YYYY-MM-DD' in the API, GOV.UK date inputs on a page. Both optional. */
export const periodQuery = { from: isoDate('the start date').optional(), to: isoDate('the end date').optional() };
export const periodForm = () => ({ from: dateField({ label: 'the start date' }), to: dateField({ label: 'the end date' }) });

/** For `.refine(...endNotBeforeStart)` on a schema with a period. */
export const endNotBeforeStart: [(period: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  (period) => !period.from || !period.to || period.from <= period.to,
  { path: ['to'], message: 'The end date must be the same as or after the start date' },
];

/** A page's period as its querystring sends it: the two date inputs' boxes. */
export const PERIOD_FIELDS: readonly string[] = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'];

/** A querystring's `fields` as given, leaving out those left empty (a select left on "Any" sends ''). */
export const givenFields = (query: unknown, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(([key, value]) => fields.includes(key) && value !== '' && value !== undefined),
  );

const periodFormSchema = z.object(periodForm()).refine(...endNotBeforeStart);

/** A page whose only filter is a period (either end open): the period, or the form with its errors. */
export function readPeriodForm(query: unknown): { ok: true; period: { from?: string; to?: string }; form: FormState } | { ok: false; form: FormState } {
  const values = givenFields(query, PERIOD_FIELDS);
  const parsed = parseForm(periodFormSchema, gatherDateParts(values, ['from', 'to']));
  if (!parsed.ok) return { ok: false, form: { ...parsed.form, values } };
  return { ok: true, period: parsed.data, form: formState(values) };
}

/** A time of day ('9:30', '14:00') as the database keeps it ('09:30:00'), so that an unchanged time compares equal. */
export const storedTime = (time: string | undefined) => (time ? `${time.padStart(5, '0')}:00` : null);
