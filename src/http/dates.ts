/**
 * How pages show dates: UK style, in the programme's time zone. A calendar date ('2026-03-01') is
 * shown as it is, never shifted by a time zone; a moment (a Date) is shown in the zone given.
 */
export const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * A date format, made once for each time zone it is used in: making an Intl.DateTimeFormat takes
 * tens of microseconds, using one about one, and pages and exports show dates by the thousand.
 */
export function formatInZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = made.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      made.set(timeZone, format);
    }
    return format;
  };
}

const longDate = formatInZone('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const longMoment = formatInZone('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });
const sortable = formatInZone('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function formatCalendarDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return longDate('UTC').format(new Date(Date.UTC(year, month - 1, day)));
}

export function formatMoment(moment: Date | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (!moment) return '';
  const parts = longMoment(timeZone).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}${part('dayPeriod').toLowerCase()}`;
}

/** A moment as a spreadsheet sorts it, in the zone given: '2026-07-02 00:30:00'. */
export function sortableMoment(moment: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = sortable(timeZone).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
