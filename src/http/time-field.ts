import { z } from 'zod';
import { blankToUndefined } from './forms.ts';

/**
 * Times of day as people type them: "10am", "10 am", "2.30pm", "10:00", "1030", "14:30", "noon".
 * Without am or pm a time is on the 24-hour clock ("1430", "9:15"). The result is 'HH:MM'; null
 * when the text is not a time of day.
 */
export function parseTime(text: string): string | null {
  const typed = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/([ap])\.?m\.?$/, '$1m');
  if (typed === 'noon' || typed === 'midday' || typed === '12noon') return '12:00';
  if (typed === 'midnight') return '00:00';
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(typed);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export const TIME_MESSAGE = 'like 10am, 2.30pm or 14:30';

/** An optional time box on a form: blank means not given; anything else must read as a time of day ('HH:MM' out). */
export const timeField = (label = 'Time') =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (text === undefined) return undefined;
        const time = parseTime(text);
        if (time === null) {
          ctx.addIssue({ code: 'custom', message: `Enter the ${label.toLowerCase()} ${TIME_MESSAGE}` });
          return z.NEVER;
        }
        return time;
      }),
  );

/** A time the database keeps ('09:30:00') as a form shows it ('09:30'); blank when there is none. */
export const timeForForm = (stored: unknown) => (typeof stored === 'string' ? stored.slice(0, 5) : '');
