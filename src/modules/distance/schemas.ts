import { z } from 'zod';
import type { SelfReportedReoffending } from '../../db/schema.ts';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { optionalText } from '../../http/forms.ts';

export const REOFFENDING: Record<SelfReportedReoffending, string> = { no: 'No', yes: 'Yes', prefers_not_to_say: 'Prefers not to say' };
const REOFFENDING_CODES = Object.keys(REOFFENDING) as [SelfReportedReoffending, ...SelfReportedReoffending[]];
const reoffending = z.enum(REOFFENDING_CODES, { error: 'Select whether they have reoffended since the last reading' });

/** An area of the self-assessment (an entry of the programme's distance_area list). */
export interface Area {
  code: string;
  label: string;
}

export interface ScoreInput {
  area: string;
  clientScore: number;
  /** The worker's score, only where they see it differently. */
  workerScore?: number | null;
}

export interface ReadingInput {
  readOn: string;
  reoffending: SelfReportedReoffending;
  note?: string;
  scores: ScoreInput[];
}

/** A score box on the page: blank, or a whole number from 1 to 10. */
function scoreBox(props: { required: boolean; enter: string; invalid: string }) {
  return z.unknown().transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (!props.required) return null;
      ctx.addIssue({ code: 'custom', message: props.enter });
      return z.NEVER;
    }
    const score = Number(text);
    if (!/^\d{1,2}$/.test(text) || score < 1 || score > 10) {
      ctx.addIssue({ code: 'custom', message: props.invalid });
      return z.NEVER;
    }
    return score;
  });
}

export const clientField = (code: string) => `client-${code}`;
export const workerField = (code: string) => `worker-${code}`;

/** The reading form's fields for these areas, in the form's order (so errors come in that order). */
function readingShape(areas: readonly Area[]) {
  const shape: Record<string, z.ZodType> = { readOn: dateField({ label: 'the date of the reading', required: true, notFuture: true }) };
  for (const area of areas) {
    shape[clientField(area.code)] = scoreBox({
      required: true,
      enter: `Enter the client’s score for ${area.label}, from 1 to 10`,
      invalid: `The client’s score for ${area.label} must be a whole number from 1 to 10`,
    });
    shape[workerField(area.code)] = scoreBox({
      required: false,
      enter: '',
      invalid: `The worker’s score for ${area.label} must be a whole number from 1 to 10`,
    });
  }
  shape.reoffending = reoffending;
  shape.note = optionalText('Note', 2000);
  return shape;
}

const inputOf = (areas: readonly Area[], data: Record<string, unknown>): ReadingInput => ({
  readOn: data.readOn as string,
  reoffending: data.reoffending as SelfReportedReoffending,
  note: data.note as string | undefined,
  scores: areas.map((area) => ({
    area: area.code,
    clientScore: data[clientField(area.code)] as number,
    workerScore: data[workerField(area.code)] as number | null,
  })),
});

/**
 * The reading form for these areas: the date, then for each area the client's score (required) and
 * the worker's (only where they see it differently), then reoffending and a note.
 */
export const readingForm = (areas: readonly Area[]) => z.object(readingShape(areas)).transform((data) => inputOf(areas, data));

/** A correction of a reading scored in these areas, from the version it was made from. */
export const readingCorrectionForm = (areas: readonly Area[]) =>
  z
    .object({ ...readingShape(areas), version: z.coerce.number().int().min(1) })
    .transform((data) => ({ ...inputOf(areas, data), version: data.version as number }));

const apiScore = z.number().int().min(1).max(10);

export const readingBody = z.object({
  readOn: isoDate('the date of the reading'),
  reoffending: reoffending.describe('Self-reported reoffending since the last reading'),
  note: z.string().trim().max(2000).optional().describe('Sensitive: shown only to the client’s assigned workers and their team leader'),
  scores: z
    .array(
      z.object({
        area: z.string().min(1).max(40).describe('A code of the programme’s distance_area list'),
        clientScore: apiScore,
        workerScore: apiScore.nullable().optional().describe('Only where the worker sees it differently'),
      }),
    )
    .min(1)
    .max(50)
    .describe('One score for every active area (for a correction: every area the reading scored)'),
});
