import { z } from 'zod';
import type { ChoiceList } from '../../db/schema.ts';
import { whenParsed } from '../../http/forms.ts';
import { FAMILY_LIST_TITLES } from '../families/defaults.ts';
import { LAWFUL_BASIS_LIST_TITLES } from '../lawful-basis/defaults.ts';
import { STAFF_LIST_TITLES } from '../staff/defaults.ts';

/** The configurable lists administrators edit, with what they are for. */
export const LISTS: Record<ChoiceList, { title: string; description: string }> = {
  need_domain: { title: 'Need domains', description: 'Areas of need assessed before release and planned for' },
  contact_type: { title: 'Contact types', description: 'Kinds of community contact' },
  non_engagement_reason: { title: 'Reasons for not engaging', description: 'Why a client never engaged or stopped engaging' },
  closure_reason: { title: 'Closure reasons', description: 'Why a case closes' },
  liberation_type: { title: 'Ways of liberation', description: 'How people leave prison' },
  gender: { title: 'Genders', description: 'The genders recorded for people' },
  outcome_type: { title: 'Outcome types', description: 'What changed for a client: jobs, training, housing, services' },
  evidence_kind: { title: 'Kinds of evidence', description: 'What shows an outcome happened: a payslip, a tenancy agreement, a letter' },
  distance_area: { title: 'Distance travelled areas', description: 'The areas of life clients score themselves on, 1 to 10, over time' },
  ...LAWFUL_BASIS_LIST_TITLES,
  ...FAMILY_LIST_TITLES,
  ...STAFF_LIST_TITLES,
};

export const listParam = z.object({ list: z.enum(Object.keys(LISTS) as [ChoiceList, ...ChoiceList[]]) });

const months = (label: string) =>
  z.coerce.number({ error: `Enter the ${label} in months, like 3` }).positive(`The ${label} must be more than 0 months`).max(600, `The ${label} must be 600 months or fewer`);

const wholeNumber = (missing: string, unit: string) => z.coerce.number({ error: missing }).int(`Enter a whole number of ${unit}`);

export const rulesForm = z
  .object({
    eligibilityMinMonths: months('shortest eligible sentence'),
    eligibilityMaxMonths: months('longest eligible sentence'),
    noContactDays: z.coerce.number({ error: 'Enter a number of days, like 14' }).int('Enter a whole number of days').min(1, 'Enter at least 1 day').max(365, 'Enter 365 days or fewer'),
    inWorkCheckWeeks: z
      .string({ error: 'Enter the weeks after a job start when in-work checks are due, like 13, 26' })
      .trim()
      .regex(/^\d{1,3}(\s*,\s*\d{1,3})*$/, 'Enter whole numbers of weeks separated by commas, like 13, 26')
      .transform((text) => [...new Set(text.split(',').map((week) => Number(week.trim())))].sort((a, b) => a - b))
      .refine((weeks) => weeks.length <= 6, 'Enter 6 checks or fewer')
      .refine((weeks) => weeks.every((week) => week >= 1 && week <= 104), 'Each check must be between 1 and 104 weeks after the job start'),
    distanceImprovement: z.coerce
      .number({ error: 'Enter how many points more counts as improved, like 2' })
      .int('Enter a whole number of points')
      .min(1, 'Enter at least 1 point')
      .max(9, 'Enter 9 points or fewer'),
    returnWindowDays: wholeNumber('Enter the return to custody window in days, like 365', 'days').min(28, 'The window must be at least 28 days').max(1096, 'The window must be 1,096 days (3 years) or fewer'),
    returnMinGroup: wholeNumber('Enter the smallest group shown with rates and tests, like 30', 'liberations').min(1, 'Enter at least 1 liberation').max(1000, 'Enter 1,000 liberations or fewer'),
    returnMinAdjustedGroup: wholeNumber('Enter the smallest group for the adjusted comparisons, like 60', 'liberations').min(10, 'Enter at least 10 liberations').max(10000, 'Enter 10,000 liberations or fewer'),
    signUpWindowMinDays: wholeNumber('Enter the fewest days before expected liberation to sign up, like 28', 'days').min(0, 'Enter 0 days or more').max(365, 'Enter 365 days or fewer'),
    signUpWindowMaxDays: wholeNumber('Enter the most days before expected liberation to sign up, like 42', 'days').min(1, 'Enter at least 1 day').max(730, 'Enter 730 days or fewer'),
    supervisionIntervalWeeks: wholeNumber('Enter how often staff are supervised, in weeks, like 4', 'weeks').min(1, 'Enter at least 1 week').max(26, 'Enter 26 weeks or fewer'),
    staffExpiryWarningDays: wholeNumber('Enter how many days ahead to list expiring vetting and clearances, like 60', 'days').min(7, 'Enter at least 7 days').max(365, 'Enter 365 days or fewer'),
    comparisonMinGroup: wholeNumber('Enter the fewest sign-ups a team or worker needs to be compared, like 10', 'sign-ups').min(1, 'Enter at least 1 sign-up').max(1000, 'Enter 1,000 sign-ups or fewer'),
  })
  .refine((rules) => rules.eligibilityMinMonths <= rules.eligibilityMaxMonths, {
    path: ['eligibilityMaxMonths'],
    message: 'The longest eligible sentence must be at least the shortest',
    ...whenParsed('eligibilityMinMonths', 'eligibilityMaxMonths'),
  })
  .refine((rules) => rules.signUpWindowMinDays < rules.signUpWindowMaxDays, {
    path: ['signUpWindowMaxDays'],
    message: 'Sign up at most must be more days than sign up at least',
    ...whenParsed('signUpWindowMinDays', 'signUpWindowMaxDays'),
  });
export type Rules = z.infer<typeof rulesForm>;

/** A list entry's code: reports group by it, so it is plain and stable. `example` shows one. */
export const choiceCode = (example: string) =>
  z
    .string({ error: 'Enter a code' })
    .trim()
    .min(1, 'Enter a code')
    .max(40, 'Code must be 40 characters or fewer')
    .regex(/^[a-z0-9_]+$/, `Code must only include lower-case letters, numbers and underscores, like ${example}`);

export const choiceLabel = z
  .string({ error: 'Enter the name shown to users' })
  .trim()
  .min(1, 'Enter the name shown to users')
  .max(120, 'Name must be 120 characters or fewer');

export const choiceForm = z.object({
  label: choiceLabel,
  code: choiceCode('face_to_face'),
  sortOrder: z.preprocess((v) => (v === '' || v === undefined ? 0 : v), z.coerce.number({ error: 'Enter the position as a number' }).int().min(0).max(999)),
  active: z.preprocess((value) => value === 'yes', z.boolean()),
});
export const choiceUpdateForm = choiceForm.omit({ code: true }).extend({ version: z.coerce.number().int().min(1) });
