import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText, whenParsed } from '../../http/forms.ts';
import { interpretQuery, isImpossibleDate } from './queries.ts';

const requiredText = (message: string, label: string, max: number) => z.string({ error: message }).trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`);

export const prisonNumberSchema = z
  .string()
  .trim()
  .max(20, 'Prison number must be 20 characters or fewer')
  .regex(/^[A-Za-z0-9 /-]*$/, 'Prison number must only include letters, numbers, spaces, hyphens and slashes');

/** Fields of a person that both the page form and the API carry. */
const personFields = {
  firstName: requiredText('Enter a first name', 'First name', 80),
  lastName: requiredText('Enter a last name', 'Last name', 80),
  gender: optionalText('Gender', 40),
  localAuthorityId: z.preprocess(blankToUndefined, z.uuid({ error: 'Select a local authority' }).optional()),
  phone: optionalText('Phone number', 40).pipe(z.string().regex(/^[0-9 +()-]*$/, 'Enter a phone number, like 01632 960 001 or 07700 900 982').optional()),
  email: optionalText('Email address', 320).pipe(z.email('Enter an email address in the correct format, like name@example.com').optional()),
  address: optionalText('Address', 500),
  riskNote: optionalText('Risk note', 2000),
};

const riskRule = <T extends { riskToStaff: boolean; riskNote?: string }>(value: T) => !value.riskToStaff || Boolean(value.riskNote);
const riskMessage = { path: ['riskNote'], message: 'Say what the risk to staff is', ...whenParsed('riskToStaff', 'riskNote') };

/** The page form: GOV.UK date input for the date of birth, a checkbox for the risk flag. */
export const personForm = z
  .object({
    ...personFields,
    dateOfBirth: dateField({ label: 'the date of birth', notFuture: true }),
    prisonNumber: z.preprocess(blankToUndefined, prisonNumberSchema.optional()),
    riskToStaff: z.preprocess((value) => value === 'yes', z.boolean()),
    version: z.coerce.number().int().min(1).optional(),
    original: z.string().optional(),
    notDuplicate: z.preprocess((value) => value === 'yes', z.boolean()),
  })
  .refine(riskRule, riskMessage);

export const personCreateBody = z
  .object({
    ...personFields,
    dateOfBirth: isoDate('the date of birth').optional(),
    prisonNumber: prisonNumberSchema.optional(),
    riskToStaff: z.boolean().default(false),
    notDuplicate: z.boolean().default(false).describe('Create even if likely duplicates exist (they are returned with 409 otherwise)'),
  })
  .refine(riskRule, riskMessage);

export const personUpdateBody = z
  .object({
    ...personFields,
    dateOfBirth: isoDate('the date of birth').nullable().optional(),
    riskToStaff: z.boolean(),
    version: z.number().int().min(1).describe('The version you read; a save from an older version is refused with 409'),
  })
  .partial({ firstName: true, lastName: true, riskToStaff: true })
  .refine((value) => value.riskToStaff !== true || Boolean(value.riskNote), riskMessage);

export const aliasForm = z.object({
  firstName: requiredText('Enter the first name of the alias', 'First name', 80),
  lastName: requiredText('Enter the last name of the alias', 'Last name', 80),
});

/** The search box's text: a name, prison number or date of birth (a date must be a real one). */
export const searchText = z
  .string()
  .trim()
  .max(100, 'Search for 100 characters or fewer')
  .refine((q) => !isImpossibleDate(q), 'Enter a real date of birth, like 27/3/1985');

export const searchQuery = z.object({ q: searchText.default('') });

/** A prison number carried in a link (from a search that found nobody, on to the sign-up), checked as if typed. */
export const carriedPrisonNumber = z.object({ prisonNumber: z.preprocess(blankToUndefined, prisonNumberSchema.optional()) });

/** The prison number a search was for, when it was one and a valid one (to offer adding a person with it). */
export function prisonNumberIn(q: string): string | undefined {
  const query = interpretQuery(q);
  return query?.kind === 'prison-number' && prisonNumberSchema.safeParse(q).success ? q.trim() : undefined;
}

export type PersonInput = z.infer<typeof personCreateBody>;
