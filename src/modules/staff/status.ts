import { addDays } from '../../http/calendar.ts';
import { formatCalendarDate } from '../../http/dates.ts';

/**
 * Where a dated check stands (vetting's renewal date, a clearance's or training's expiry): valid up
 * to and including its date, "Expired" the day after, "Expires soon" within the programme's warning
 * days of today; a check with no date does not expire.
 */
type ExpiryState = 'expired' | 'expires-soon' | 'valid' | 'no-expiry';

export function expiryState(expiresOn: string | null, props: { today: string; warningDays: number }): ExpiryState {
  if (expiresOn === null) return 'no-expiry';
  if (expiresOn < props.today) return 'expired';
  return expiresOn <= addDays(props.today, props.warningDays) ? 'expires-soon' : 'valid';
}

const TAG_CLASSES: Record<ExpiryState, string> = { expired: 'govuk-tag--red', 'expires-soon': 'govuk-tag--yellow', valid: 'govuk-tag--green', 'no-expiry': 'govuk-tag--grey' };

/** A GOV.UK tag saying where a check stands, with its date. */
export function expiryTag(expiresOn: string | null, props: { today: string; warningDays: number }): { state: ExpiryState; text: string; classes: string } {
  const state = expiryState(expiresOn, props);
  const date = formatCalendarDate(expiresOn);
  const text = { expired: `Expired ${date}`, 'expires-soon': `Expires soon: ${date}`, valid: `Valid until ${date}`, 'no-expiry': 'Does not expire' }[state];
  return { state, text, classes: TAG_CLASSES[state] };
}

/** A worker's vetting on the staff list: their latest check's tag, or "None recorded". */
export function vettingTag(latest: { renewBy: string | null } | undefined, props: { today: string; warningDays: number }) {
  return latest ? expiryTag(latest.renewBy, props) : { state: 'none' as const, text: 'None recorded', classes: 'govuk-tag--grey' };
}
