import type { RowKind } from '../../db/schema.ts';
import { writtenKey } from './record.ts';
import { addProblem, numberOf, textOf, ukDay, type ReadRow, type RunState } from './run-state.ts';

type ActivityKind = Extract<RowKind, 'visits' | 'contacts' | 'outcomes'>;

/** The date field of each kind of activity. */
const DAY_FIELD: Record<ActivityKind, string> = { visits: 'visitedOn', contacts: 'contactOn', outcomes: 'achievedOn' };

/**
 * Pre-release visits, community contacts and outcomes: each row is about a person known by their
 * prison number and belongs to that person's sign-up on the day (their latest sign-up on or before
 * it). A number no one has, or a day before any of their sign-ups, is a problem for the user.
 */
export async function handleActivityRows(state: RunState, kind: ActivityKind, rows: ReadRow[]): Promise<void> {
  await state.matcher.prefetch(
    rows.map((row) => ({ prisonNumber: textOf(row, 'prisonNumber'), firstName: null, lastName: null, dateOfBirth: null })),
    { byName: false },
  );
  const found: { row: ReadRow; personId: string; day: string }[] = [];
  for (const row of rows) {
    const number = textOf(row, 'prisonNumber');
    const day = textOf(row, DAY_FIELD[kind]);
    if (!number || !day) continue;
    const match = await state.matcher.match({ prisonNumber: number, firstName: null, lastName: null, dateOfBirth: null }, { byName: false });
    if (match.kind === 'existing') found.push({ row, personId: match.personId, day });
    else addProblem(state, { rowNumber: row.rowNumber, column: null, message: `No one with prison number ${number} is recorded: import their sign-up first` });
  }
  await state.episodes.prefetch(found.map((f) => f.personId));
  for (const { row, personId, day } of found) {
    if (day > state.today) {
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: `The date ${ukDay(day)} is in the future` });
      continue;
    }
    const episode = state.episodes.on(personId, day);
    if (!episode) {
      addProblem(state, {
        rowNumber: row.rowNumber,
        column: null,
        message: `Prison number ${textOf(row, 'prisonNumber')} has no sign-up on or before ${ukDay(day)}`,
      });
      continue;
    }
    add(state, kind, row, episode.id, day);
    await state.pending.letWriterOn();
  }
}

function add(state: RunState, kind: ActivityKind, row: ReadRow, episodeId: string, day: string): void {
  const common = { programme_id: state.programmeId, episode_id: episodeId, created_by: state.userId };
  if (kind === 'visits') {
    state.pending.add('pre_release_visit', {
      ...common,
      visited_on: day,
      worker_id: textOf(row, 'worker'),
      worker_name: textOf(row, writtenKey('worker')),
      place: textOf(row, 'place'),
      notes: textOf(row, 'notes'),
    });
  } else if (kind === 'contacts') {
    state.pending.add('contact', {
      ...common,
      contact_on: day,
      contact_time: null,
      contact_type: textOf(row, 'contactType') as string,
      outcome: (textOf(row, 'outcome') ?? 'happened') as 'happened' | 'no_answer' | 'did_not_attend',
      duration_minutes: numberOf(row, 'durationMinutes'),
      worker_id: textOf(row, 'worker'),
      worker_name: textOf(row, writtenKey('worker')),
      place: textOf(row, 'place'),
      notes: textOf(row, 'notes'),
    });
  } else {
    state.pending.add('outcome', { ...common, outcome_type: textOf(row, 'outcomeType') as string, achieved_on: day, detail: textOf(row, 'notes') });
  }
}
