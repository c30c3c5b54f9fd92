/**
 * How pages show dates: UK style, in the programme's time zone. A calendar date ('2026-03-01') is
 * shown as it is, never shifted by a time zone; a moment (a Date) is shown in the zone given.
 */
export const DEFAULT_TIME_ZONE = 'Europe/London';

export function formatCalendarDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

export function formatMoment(moment: Date | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!moment) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
    timeZone,
  }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase()}`;
}
