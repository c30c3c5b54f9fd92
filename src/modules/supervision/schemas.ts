import { z } from 'zod';
import { dateField, today } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { optionalText, whenParsed } from '../../http/forms.ts';

/** The supervision pages' forms (dates gathered from GOV.UK date inputs first) and parameters. */

export const staffParams = z.object({ userId: z.uuid() });
export const sessionParams = staffParams.extend({ sessionId: z.uuid() });

export const WELLBEING = { well: 'Well', some_concerns: 'Some concerns', serious_concerns: 'Serious concerns' } as const;
export type WellbeingCode = keyof typeof WELLBEING;

/** The dates of the session form, gathered from their three boxes. */
export const SESSION_DATES = ['heldOn', 'nextOn'];

const sessionFields = z.object({
  heldOn: dateField({ label: 'the date of the session', required: true }).transform((date) => date as string),
  wellbeing: z.enum(Object.keys(WELLBEING) as [WellbeingCode, ...WellbeingCode[]], { error: 'Select how they are' }),
  wellbeingNote: optionalText('The note on their wellbeing', 4000),
  caseloadDiscussed: z.enum(['yes', 'no'], { error: 'Select yes if their caseload was discussed' }).transform((answer) => answer === 'yes'),
  caseloadNote: optionalText('The note on their caseload', 4000),
  actionsAgreed: optionalText('The actions agreed', 4000),
  nextOn: dateField({ label: 'the date of the next session' }).optional(),
});

const withRules = <S extends z.ZodType<z.output<typeof sessionFields>>>(schema: S) =>
  schema
    .refine((f) => f.wellbeing === 'well' || f.wellbeingNote !== undefined, {
      path: ['wellbeingNote'],
      message: 'Enter what the concerns are',
      ...whenParsed('wellbeing', 'wellbeingNote'),
    })
    .refine((f) => f.nextOn === undefined || f.nextOn > f.heldOn, {
      path: ['nextOn'],
      message: 'The next session must be after this one',
      ...whenParsed('heldOn', 'nextOn'),
    });

export const sessionForm = withRules(sessionFields);
export type SessionInput = z.output<typeof sessionFields>;
export const sessionCorrectionForm = withRules(sessionFields.extend({ version: z.coerce.number().int().min(1) }));

/** The rule the schema cannot know: a session is held today or before, in the programme's time zone. */
export function sessionProblems(input: { heldOn?: string }, timeZone: string): FieldProblem[] {
  return input.heldOn !== undefined && input.heldOn > today(timeZone)
    ? [{ field: 'heldOn', message: 'The date of the session must be today or in the past' }]
    : [];
}

/** The form's fields as a stored session fills them, to correct it. */
export function sessionValues(row: {
  wellbeing: string;
  wellbeingNote: string | null;
  caseloadDiscussed: boolean;
  caseloadNote: string | null;
  actionsAgreed: string | null;
}) {
  return {
    wellbeing: row.wellbeing,
    wellbeingNote: row.wellbeingNote ?? '',
    caseloadDiscussed: row.caseloadDiscussed ? 'yes' : 'no',
    caseloadNote: row.caseloadNote ?? '',
    actionsAgreed: row.actionsAgreed ?? '',
  };
}
