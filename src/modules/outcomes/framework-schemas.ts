import { z } from 'zod';
import { OUTCOME_CATEGORIES, type OutcomeCategory } from '../../db/schema/impact.ts';
import { choiceCode, choiceLabel } from '../settings/schemas.ts';

/** The categories as people read them. */
export const CATEGORY_LABELS: Record<OutcomeCategory, string> = {
  employment: 'Employment',
  training: 'Training',
  education: 'Education',
  volunteering: 'Volunteering',
  accommodation: 'Accommodation',
  health: 'Health',
  addiction: 'Addiction',
  benefits: 'Benefits',
  debt: 'Debt',
  family: 'Family',
  other: 'Other',
};

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });
const listCode = z.preprocess((value) => (value === '' || value === undefined || value === null ? null : value), z.string().max(40).nullable());

/** The outcome type form: the list entry (name, position, in use) and what it counts as. */
export const outcomeTypeForm = z.object({
  label: choiceLabel,
  code: choiceCode('peer_mentoring').refine((code) => code !== 'new', 'Choose another code: "new" is kept for the page that adds a type'),
  category: z.enum(OUTCOME_CATEGORIES, { error: 'Select the category' }),
  hard: yesNo('Select whether it is a hard or a soft outcome'),
  needDomain: listCode,
  evidenceKind: listCode,
  mustVerify: z.preprocess((value) => value === 'yes', z.boolean()),
  sortOrder: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number({ error: 'Enter the position as a number' }).int('Enter the position as a whole number').min(0, 'The position must be 0 or more').max(999, 'The position must be 999 or less')),
  active: z.preprocess((value) => value === 'yes', z.boolean()),
});
export type OutcomeTypeInput = Omit<z.infer<typeof outcomeTypeForm>, 'hard'> & { hard: boolean };

/** The code never changes once made; the form carries the versions of the entry and of its rule. */
export const outcomeTypeUpdateForm = outcomeTypeForm.omit({ code: true }).extend({
  version: z.coerce.number().int().min(1),
  ruleVersion: z.coerce.number().int().min(1),
});

export const outcomeTypeParams = z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/) });
