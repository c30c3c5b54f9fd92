import { z } from 'zod';
import { ROLE_NAMES, ROLES } from '../auth/roles.ts';
import { newPasswordSchema } from '../auth/passwords.ts';

const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(320, 'Email address must be 320 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@example.com'));
const displayName = z
  .string({ error: 'Enter a name' })
  .trim()
  .min(1, 'Enter a name')
  .max(120, 'Name must be 120 characters or fewer');
const role = z.enum(ROLES, { error: 'Select a role' });
const teamId = z.uuid({ error: 'Select a team that exists' }).nullable();
/** A partner agency's user belongs to one organisation of the agency directory (and only they do). */
const organisationId = z.uuid({ error: 'Select an agency from the list' }).nullable();
const version = z.coerce.number({ error: 'Reload the page and try again' }).int().min(1);

/** Page forms send strings; an empty select means "no team". */
const formTeam = z.preprocess((value) => (value === '' || value === undefined ? null : value), teamId);
const formOrganisation = z.preprocess((value) => (value === '' || value === undefined ? null : value), organisationId);

export const createUserForm = z.object({ displayName, email, role, teamId: formTeam, organisationId: formOrganisation, password: newPasswordSchema });
export const updateUserForm = z.object({ displayName, email, role, teamId: formTeam, organisationId: formOrganisation, version });
export const resetPasswordForm = z.object({ password: newPasswordSchema });
export const userListQuery = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  role: role.optional().catch(undefined),
  status: z.enum(['active', 'inactive', 'all']).default('active').catch('active'),
});

export const createUserBody = z.object({
  email,
  displayName,
  role,
  teamId: teamId.default(null),
  organisationId: organisationId.default(null).describe('A partner agency user’s organisation in the agency directory: required for them, refused for other roles'),
  password: newPasswordSchema,
});
export const updateUserBody = z
  .object({ email, displayName, role, teamId, organisationId, active: z.boolean() })
  .partial()
  .extend({ version: z.number().int().min(1).describe('The version you read; the update is refused if the user has changed since') });

export const userJson = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: role.describe(Object.entries(ROLE_NAMES).map(([key, name]) => `${key}: ${name}`).join('; ')),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastSignedInAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UserChanges = Omit<z.infer<typeof updateUserBody>, 'version'>;
