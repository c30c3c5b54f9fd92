import { z } from 'zod';
import { blankToUndefined, whenParsed } from '../../http/forms.ts';
import { AGE_BAND_CODES } from '../reports/bands.ts';
import { FIGURE_CODES } from './figures.ts';
import { PERIOD_KIND_CODES } from './periods.ts';

/** The forms of the funder returns pages: a return template, and producing a return. */

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer`);
/** Checkboxes: none ticked is an empty list, one a string, several an array. */
const ticked = <T extends z.ZodType>(item: T, max: number, message: string) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : [value].flat()), z.array(item, { error: message }).max(max, message));
const months = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter the ${label} in months, like 3` })
      .positive(`The ${label} must be more than 0 months`)
      .max(1200, `The ${label} must be 1,200 months or fewer`)
      .multipleOf(0.01, `Enter the ${label} to at most two decimal places`)
      .optional(),
  );

const templateFields = z.object({
  name: requiredText('the template’s name', 200),
  funder: requiredText('the funder', 200),
  periodKind: z.enum(PERIOD_KIND_CODES, { error: 'Select how often the funder asks for a return' }),
  prisonIds: ticked(z.uuid({ error: 'Select prisons from the list' }), 500, 'Select prisons from the list'),
  areaIds: ticked(z.uuid({ error: 'Select areas from the list' }), 500, 'Select areas from the list'),
  ageBands: ticked(z.enum(AGE_BAND_CODES, { error: 'Select age bands from the list' }), AGE_BAND_CODES.length, 'Select age bands from the list'),
  sentenceMinMonths: months('shortest sentence'),
  sentenceMaxMonths: months('longest sentence'),
  figures: ticked(z.enum(FIGURE_CODES as [string, ...string[]], { error: 'Select figures from the list' }), 100, 'Select figures from the list').refine(
    (codes) => codes.length > 0,
    'Select at least one figure the funder asks for',
  ),
});
const minNotAboveMax = <S extends z.ZodType<{ sentenceMinMonths?: number; sentenceMaxMonths?: number }>>(schema: S) =>
  schema.refine((t) => t.sentenceMinMonths === undefined || t.sentenceMaxMonths === undefined || t.sentenceMinMonths <= t.sentenceMaxMonths, {
    path: ['sentenceMaxMonths'],
    message: 'The longest sentence must be the same as or longer than the shortest',
    ...whenParsed('sentenceMinMonths', 'sentenceMaxMonths'),
  });

export const templateForm = minNotAboveMax(templateFields);
export type TemplateInput = z.output<typeof templateFields> & { active?: boolean };
export const templateChangeForm = minNotAboveMax(
  templateFields.extend({ version: z.coerce.number().int().min(1), active: z.preprocess((value) => value === 'yes', z.boolean()) }),
);

export const produceForm = z.object({
  period: z.iso.date({ error: 'Select the period the return is for' }),
  reason: z.preprocess(blankToUndefined, z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer').optional()),
});
