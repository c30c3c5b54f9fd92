import { z } from 'zod';
import type { ChoiceList } from '../../db/schema.ts';

/** The configurable lists administrators edit, with what they are for. */
export const LISTS: Record<ChoiceList, { title: string; description: string }> = {
  need_domain: { title: 'Need domains', description: 'Areas of need assessed before release and planned for' },
  contact_type: { title: 'Contact types', description: 'Kinds of community contact' },
  non_engagement_reason: { title: 'Reasons for not engaging', description: 'Why a client never engaged or stopped engaging' },
  closure_reason: { title: 'Closure reasons', description: 'Why a case closes' },
  liberation_type: { title: 'Ways of liberation', description: 'How people leave prison' },
  gender: { title: 'Genders', description: 'The genders recorded for people' },
  outcome_type: { title: 'Outcome types', description: 'What changed for a client: jobs, training, housing, services' },
};

export const listParam = z.object({ list: z.enum(Object.keys(LISTS) as [ChoiceList, ...ChoiceList[]]) });

const months = (label: string) =>
  z.coerce.number({ error: `Enter the ${label} in months, like 3` }).positive(`The ${label} must be more than 0 months`).max(600, `The ${label} must be 600 months or fewer`);

export const rulesForm = z
  .object({
    eligibilityMinMonths: months('shortest eligible sentence'),
    eligibilityMaxMonths: months('longest eligible sentence'),
    noContactDays: z.coerce.number({ error: 'Enter a number of days, like 14' }).int('Enter a whole number of days').min(1, 'Enter at least 1 day').max(365, 'Enter 365 days or fewer'),
  })
  .refine((rules) => rules.eligibilityMinMonths <= rules.eligibilityMaxMonths, {
    path: ['eligibilityMaxMonths'],
    message: 'The longest eligible sentence must be at least the shortest',
  });
export type Rules = z.infer<typeof rulesForm>;

export const choiceForm = z.object({
  label: z.string({ error: 'Enter the name shown to users' }).trim().min(1, 'Enter the name shown to users').max(120, 'Name must be 120 characters or fewer'),
  code: z
    .string({ error: 'Enter a code' })
    .trim()
    .min(1, 'Enter a code')
    .max(40, 'Code must be 40 characters or fewer')
    .regex(/^[a-z0-9_]+$/, 'Code must only include lower-case letters, numbers and underscores, like face_to_face'),
  sortOrder: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number({ error: 'Enter the position as a number' }).int().min(0).max(999)),
  active: z.preprocess((value) => value === 'yes', z.boolean()),
});
export const choiceUpdateForm = choiceForm.omit({ code: true }).extend({ version: z.coerce.number().int().min(1) });
