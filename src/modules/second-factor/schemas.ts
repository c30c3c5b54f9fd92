import { z } from 'zod';
import { returnToSchema } from '../auth/schemas.ts';
import { normaliseCode } from './totp.ts';

export const codeForm = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code from your authenticator app' })
    .transform(normaliseCode)
    .pipe(
      z
        .string()
        .min(1, 'Enter the 6-digit code from your authenticator app')
        .regex(/^\d{6}$/, 'Enter the code as 6 digits, like 123456'),
    ),
});

export const recoveryCodeForm = z.object({
  recoveryCode: z
    .string({ error: 'Enter one of your recovery codes' })
    .max(100, 'Enter a recovery code as it was given, like abcd-efgh-jkmn-pqrs-tuvw-xyz2')
    .transform(normaliseCode)
    .pipe(
      z
        .string()
        .min(1, 'Enter one of your recovery codes')
        .regex(/^[a-z0-9]{24}$/, 'Enter a recovery code as it was given, like abcd-efgh-jkmn-pqrs-tuvw-xyz2'),
    ),
});

/** The programme's choice: follow the environment (null), or always or never require it. */
export const SETTING_CHOICES = { environment: null, required: true, optional: false } as const;
export type SettingChoice = keyof typeof SETTING_CHOICES;

export const settingForm = z.object({
  secondFactorRequired: z.enum(['environment', 'required', 'optional'], { error: 'Select whether staff must use a second factor' }),
});

export const choiceOf = (setting: boolean | null): SettingChoice => (setting === null ? 'environment' : setting ? 'required' : 'optional');

/** Where to go after the second factor: a path on this site, as at sign-in. */
export const returnToOf = (query: unknown): string => returnToSchema.parse((query as { returnTo?: unknown } | undefined)?.returnTo);
