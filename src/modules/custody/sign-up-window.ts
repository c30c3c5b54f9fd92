import { daysBetween } from '../../http/calendar.ts';
import type { SignedInCtx } from '../../http/context.ts';

/** The programme's sign-up window: a sign-up is expected this many days before the expected liberation. */
export interface SignUpWindow {
  minDays: number;
  maxDays: number;
}

export async function signUpWindowOf(ctx: SignedInCtx): Promise<SignUpWindow> {
  const row = await ctx.db
    .selectFrom('programme')
    .select(['sign_up_window_min_days as minDays', 'sign_up_window_max_days as maxDays'])
    .where('id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
  return row;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
/** Days as weeks when they are whole weeks ("6 weeks"), otherwise as days ("45 days"). */
const span = (days: number) => (days % 7 === 0 && days !== 0 ? plural(days / 7, 'week') : plural(days, 'day'));
const range = (w: SignUpWindow) =>
  w.minDays % 7 === 0 && w.maxDays % 7 === 0 ? `${w.minDays / 7} to ${plural(w.maxDays / 7, 'week')}` : `${w.minDays} to ${plural(w.maxDays, 'day')}`;

/**
 * Says so when a sign-up falls outside the programme's window ("Signed up 9 weeks before expected
 * liberation, outside the programme's window of 4 to 6 weeks"); null when it is inside, or when the
 * expected liberation is not known. A warning only: a sign-up outside the window is never refused.
 */
export function outsideSignUpWindow(dates: { signedUpOn: string; expectedLiberationOn: string | null }, window: SignUpWindow): string | null {
  if (!dates.expectedLiberationOn || !dates.signedUpOn) return null;
  const days = daysBetween(dates.signedUpOn, dates.expectedLiberationOn);
  if (Number.isNaN(days) || (days >= window.minDays && days <= window.maxDays)) return null;
  const when = days === 0 ? 'Signed up on the day of expected liberation' : days > 0 ? `Signed up ${span(days)} before expected liberation` : `Signed up ${span(-days)} after expected liberation`;
  return `${when}, outside the programme’s window of ${range(window)}`;
}
