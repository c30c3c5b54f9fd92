import { z } from 'zod';
import { dateField } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText, whenParsed } from '../../http/forms.ts';
import { reasonText } from '../casework/correction-routes.ts';

/** The forms of family support's pages (dates gathered from GOV.UK date inputs first). */

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer`);
const code = (message: string) => z.string({ error: message }).min(1, message).max(40, message);
/** A date the form must have: dateField refuses it missing, so what passes is a date. */
const requiredDate = (label: string) => dateField({ label, required: true, notFuture: true }).transform((date) => date as string);
const version = z.coerce.number().int().min(1);
/** A form's "yes" checkbox or radio, as a boolean. */
const yes = z.preprocess((value) => value === 'yes' || value === true, z.boolean());
const list = (message: string) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : [value].flat()), z.array(z.string().max(40)).min(1, message).max(20, message));

const familyFields = z.object({
    name: requiredText('the family’s name', 200),
    reference: optionalText('The reference', 50),
    teamId: z.uuid({ error: 'Select the team' }),
    coordinatorId: z.preprocess(blankToUndefined, z.uuid({ error: 'Select a co-ordinator from the list' }).optional()),
    safeguarding: yes,
    safeguardingNote: optionalText('The safeguarding note', 2000),
});
const noteWhenFlagged = <S extends z.ZodType<{ safeguarding: boolean; safeguardingNote?: string }>>(schema: S) =>
  schema.refine((f) => !f.safeguarding || f.safeguardingNote !== undefined, {
    path: ['safeguardingNote'],
    message: 'Enter what matters for safety',
    ...whenParsed('safeguarding', 'safeguardingNote'),
  });
export const familyForm = noteWhenFlagged(familyFields);
export type FamilyInput = z.output<typeof familyFields>;
export const familyCorrectionForm = noteWhenFlagged(familyFields.extend({ version }));

const memberFields = z.object({
    firstName: requiredText('their first name', 100),
    lastName: optionalText('Their last name', 100),
    relationship: code('Select their relationship to the client'),
    dateOfBirth: dateField({ label: 'their date of birth', notFuture: true }),
    ageGroup: z.preprocess(blankToUndefined, z.enum(['adult', 'child'], { error: 'Select adult or child' }).optional()),
});
const birthOrAgeGroup = <S extends z.ZodType<{ dateOfBirth?: string; ageGroup?: string }>>(schema: S) =>
  schema.refine((m) => m.dateOfBirth !== undefined || m.ageGroup !== undefined, {
    path: ['ageGroup'],
    message: 'Enter their date of birth, or if it is not known select adult or child',
    ...whenParsed('dateOfBirth', 'ageGroup'),
  });
export const memberForm = birthOrAgeGroup(memberFields);
export type MemberInput = z.output<typeof memberFields>;
export const memberCorrectionForm = birthOrAgeGroup(memberFields.extend({ version }));

export const linkClientForm = z.object({
  prisonNumber: z
    .string({ error: 'Enter the client’s prison number' })
    .trim()
    .min(1, 'Enter the client’s prison number')
    .max(20, 'The prison number must be 20 characters or fewer'),
  /** Set when the user has seen the name found and confirms it. */
  personId: z.preprocess(blankToUndefined, z.uuid().optional()),
});

export const referralForm = z.object({
  referredOn: requiredDate('the date of the referral'),
  source: code('Select who referred the family'),
  sourceDetail: optionalText('Who referred', 200),
  reason: requiredText('the reason for the referral', 2000),
});
export type ReferralInput = z.output<typeof referralForm>;

export const REFERRAL_STEPS = ['accepted', 'engaged', 'closed'] as const;
export type ReferralStep = (typeof REFERRAL_STEPS)[number];
export const stepForm = z
  .object({
    on: requiredDate('the date'),
    closureReason: z.preprocess(blankToUndefined, code('Select why it closed').optional()),
    version,
  });

export const referFamilyForm = z.object({
  referredOn: requiredDate('the date of the referral'),
  reason: requiredText('the reason for the referral', 2000),
});

export const supportForm = z.object({
  supportOn: requiredDate('the date of the support'),
  contactType: code('Select the type of contact'),
  memberIds: list('Select who took part'),
  supportTypes: list('Select the support given'),
  minutes: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'Enter the minutes as a number, like 45' })
      .int('Enter whole minutes')
      .min(1, 'Minutes must be 1 or more')
      .max(1440, 'Minutes must be 1440 (a day) or fewer')
      .optional(),
  ),
  notes: optionalText('Notes', 4000),
});
export type SupportInput = z.output<typeof supportForm>;
export const supportCorrectionForm = supportForm.extend({ version });

export const outcomeForm = z.object({
  outcomeType: code('Select the outcome'),
  achievedOn: requiredDate('the date it was achieved'),
  note: optionalText('The note', 2000),
});
export type OutcomeInput = z.output<typeof outcomeForm>;

export const enteredInErrorForm = z.object({
  reason: reasonText,
  version: z.preprocess(blankToUndefined, version.optional()),
});

export const familySearch = z.object({
  q: z.string().trim().max(100).catch('').default(''),
  mine: z.enum(['yes']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});
