import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { optionalText, whenParsed } from '../../http/forms.ts';

/** The evidence kind field: '' means "what the outcome type asks for", 'none' means no evidence. */
export const TYPE_EVIDENCE = '';
export const NO_EVIDENCE = 'none';

const outcomeType = z.string({ error: 'Select the type of outcome' }).trim().min(1, 'Select the type of outcome').max(40, 'Select the type of outcome');

export const outcomeForm = z.object({
  outcomeType,
  achievedOn: dateField({ label: 'the date achieved', required: true, notFuture: true }),
  detail: optionalText('Detail', 4000),
  evidenceKind: z.string().max(40, 'Select a kind of evidence from the list').default(TYPE_EVIDENCE),
  evidenceReference: optionalText('Evidence reference', 200),
});

/** A correction carries the version it was made from; files are added from the outcome's own page. */
export const outcomeCorrectionForm = outcomeForm.extend({ version: z.coerce.number().int().min(1) });

export const outcomeBody = z.object({
  outcomeType: z.string().min(1).max(40),
  achievedOn: isoDate('the date achieved'),
  detail: z.string().trim().max(4000).optional(),
  evidenceKind: z
    .string()
    .min(1)
    .max(40)
    .nullable()
    .optional()
    .describe('A kind of evidence from the programme’s list; null for none; left out for the kind the outcome type asks for'),
  evidenceReference: z.string().trim().max(200).optional().describe('Where the evidence is: a reference number, who holds it'),
});

/** What the domain records: `evidenceKind` undefined means the type's own kind, null means none. */
export interface OutcomeInput {
  outcomeType: string;
  achievedOn: string;
  detail?: string;
  evidenceKind?: string | null;
  evidenceReference?: string;
}

/** The form's evidence kind as the domain takes it. */
export const evidenceKindOf = (value: string): string | null | undefined => (value === TYPE_EVIDENCE ? undefined : value === NO_EVIDENCE ? null : value);

const rejectionReason = z.preprocess(
  (value) => (value === '' || value === null ? undefined : value),
  z.string().trim().max(1000, 'The reason must be 1000 characters or fewer').optional(),
);
const decision = z.enum(['verified', 'rejected'], { error: 'Select whether the evidence verifies the outcome' });
const reasonGiven = <T extends { decision: string; rejectionReason?: string }>(value: T) => value.decision !== 'rejected' || Boolean(value.rejectionReason);
const reasonProblem = { path: ['rejectionReason'], message: 'Enter why the outcome is rejected', ...whenParsed('decision', 'rejectionReason') };

export const verificationForm = z
  .object({ decision, rejectionReason, version: z.coerce.number().int().min(1) })
  .refine(reasonGiven, reasonProblem);

export const verificationBody = z
  .object({ decision, rejectionReason: z.string().trim().max(1000).optional(), version: z.number().int().min(1) })
  .refine(reasonGiven, reasonProblem);
export type VerificationInput = { decision: 'verified' | 'rejected'; rejectionReason?: string; version: number };
