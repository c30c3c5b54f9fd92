import { PLACES } from '../appointments/schemas.ts';
import { stageOf } from '../casework/stage.ts';
import type { CaseloadRow } from './queries.ts';

/**
 * A caseload row as the table shows it, in words: everything a cell needs is worked out here, so the
 * template is a plain loop (a page of 25 rows costs next to nothing to render).
 */
/** Dates in the table are short ("3 Dec 2026"), so that eight columns fit beside the filters. */
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDate = (iso: string) => SHORT_DATE.format(new Date(`${iso}T00:00:00Z`));

function nextOf(row: CaseloadRow, now: string) {
  const appointment = row.appointmentOn;
  const action = row.actionDueOn;
  if (appointment && (!action || appointment <= action)) {
    const time = row.appointmentTime ? `, ${row.appointmentTime.slice(0, 5)}` : '';
    const where = [row.appointmentPlace && PLACES[row.appointmentPlace].toLowerCase(), row.appointmentWith && `(${row.appointmentWith})`].filter(Boolean).join(' ');
    return { what: `Appointment ${where}`.trim(), when: `${shortDate(appointment)}${time}`, overdue: false };
  }
  if (action) return { what: `Action: ${row.actionGoal ?? ''}`, when: shortDate(action), overdue: action < now };
  return null;
}

export function presentRow(row: CaseloadRow, now: string) {
  const flags = [row.riskToStaff && 'Risk to staff', row.returnedOn && 'Returned to custody'].filter((flag): flag is string => Boolean(flag));
  return {
    episodeId: row.episodeId,
    selection: `${row.episodeId}:${row.version}`,
    name: `${row.firstName} ${row.lastName}`,
    href: `/people/${row.personId}/sign-ups/${row.episodeId}`,
    prisonNumber: row.prisonNumber ?? '',
    stage: stageOf(row).text,
    liberation: row.liberatedOn
      ? { label: 'Liberated', on: shortDate(row.liberatedOn) }
      : row.expectedLiberationOn
        ? { label: 'Expected', on: shortDate(row.expectedLiberationOn) }
        : null,
    lastContact: row.lastContactOn ? shortDate(row.lastContactOn) : 'None',
    next: nextOf(row, now),
    flags,
    workers: row.workers ?? 'Nobody',
  };
}
export type PresentedRow = ReturnType<typeof presentRow>;
