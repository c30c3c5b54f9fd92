import { z } from 'zod';
import { TOKEN_EXPIRY_DAYS } from '../auth/api-tokens.ts';

const EXPIRY_CHOICES = TOKEN_EXPIRY_DAYS.map(String) as [string, ...string[]];

/** A new token: its name, what it may do, and how long it lasts (one of the offered choices: a year at most). */
export const newTokenForm = z.object({
  name: z.string({ error: 'Enter a name for the token' }).trim().min(1, 'Enter a name for the token').max(100, 'Token name must be 100 characters or fewer'),
  scope: z.enum(['read', 'read-write'], { error: 'Select what the token may do' }),
  expiresInDays: z
    .enum(EXPIRY_CHOICES, { error: 'Select when the token expires: 1 year at most' })
    .transform((days) => Number(days) as (typeof TOKEN_EXPIRY_DAYS)[number]),
});

export const tokenParams = z.object({ tokenId: z.uuid() });

/** The administrators' list, optionally one user's tokens. */
export const programmeTokensQuery = z.object({ userId: z.uuid().optional().catch(undefined) });
