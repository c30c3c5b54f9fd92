import type { RowPerson } from './people-matching.ts';
import { decisionFor } from './unsure-decisions.ts';
import { addProblem, addUnsure, rowPerson, textOf, ukDay, type CustodyReturnSummary, type ReadRow, type RunState } from './run-state.ts';

/**
 * The prison service's return-to-custody extract: a row per person it followed, with an admission
 * date, or none (a blank date) when they had not returned by the date the extract was taken ("as
 * at"), which every row keeps as the day the person was followed up to. A person may have several
 * rows (several admissions). People are found by prison number, else by name and date of birth; an
 * unsure match waits for the user's decision. The database links each row to the liberation it
 * follows (liberation_before()); rows that follow no recorded liberation are imported, and counted
 * in the summary, because they count nowhere until that liberation is recorded.
 */
export async function handleCustodyReturnRows(state: RunState, rows: ReadRow[]): Promise<void> {
  const asAt = state.asAt;
  if (!asAt) throw new Error('A return-to-custody extract is read with the date it was taken');
  const summary = summaryOf(state);
  const persons = rows.map(rowPerson);
  await state.matcher.prefetch(persons, { byName: true });
  const matched: { personId: string; admittedOn: string | null }[] = [];
  for (const [index, row] of rows.entries()) {
    const person = persons[index] as RowPerson;
    const problem = (message: string) => addProblem(state, { rowNumber: row.rowNumber, column: null, message });
    if (!person.prisonNumber && !(person.lastName && person.firstName)) {
      problem('Enter a prison number, or a name and date of birth, to say who this is');
      continue;
    }
    const admittedOn = textOf(row, 'admittedOn');
    if (admittedOn && admittedOn > asAt) {
      problem(`The admission date ${ukDay(admittedOn)} is after the date the extract was taken (${ukDay(asAt)}): check the date, or the extract’s date`);
      continue;
    }
    const decided = state.decisions[String(row.rowNumber)];
    const found = decided && decided !== 'new' ? ({ kind: 'existing', personId: decided } as const) : await state.matcher.match(person, { byName: true });
    // An unsure row takes the user's answer for it, else their answer for all unsure rows ('new' cannot be imported: a problem row).
    const answer = found.kind === 'unsure' ? decisionFor(state.decisions, row.rowNumber, found.candidates) : decided;
    const match = found.kind === 'unsure' && answer && answer !== 'new' ? ({ kind: 'existing', personId: answer } as const) : found;
    if (match.kind === 'unsure' && !answer) {
      addUnsure(state, { rowNumber: row.rowNumber, person, candidates: match.candidates });
    } else if (match.kind === 'existing') {
      matched.push({ personId: match.personId, admittedOn });
      state.pending.add('custody_return', {
        programme_id: state.programmeId,
        person_id: match.personId,
        admitted_on: admittedOn,
        checked_on: asAt,
        created_by: state.userId,
      });
    } else if (answer === 'new') {
      problem('You said this is nobody already recorded: import their sign-up first, or take the row out of the file');
    } else {
      problem('No one recorded matches this row: import their sign-up first');
    }
  }
  const liberations = await liberationsOf(state, [...new Set(matched.map((m) => m.personId))]);
  for (const { personId, admittedOn } of matched) {
    const followed = (liberations.get(personId) ?? []).some((liberatedOn) => liberatedOn <= (admittedOn ?? asAt));
    if (admittedOn) {
      summary.admissions += 1;
      if (!followed) summary.admissionsWithoutLiberation += 1;
    } else {
      summary.notReturned += 1;
      if (!followed) summary.notReturnedWithoutLiberation += 1;
    }
  }
}

function summaryOf(state: RunState): CustodyReturnSummary {
  state.report.custodyReturns ??= { admissions: 0, notReturned: 0, admissionsWithoutLiberation: 0, notReturnedWithoutLiberation: 0 };
  return state.report.custodyReturns;
}

/** The liberation dates recorded for each of these people. */
async function liberationsOf(state: RunState, personIds: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (personIds.length === 0) return found;
  const rows = await state.db
    .selectFrom('episode')
    .select(['person_id', 'liberated_on'])
    .where('programme_id', '=', state.programmeId)
    .where('person_id', 'in', personIds)
    .where('liberated_on', 'is not', null)
    .execute();
  for (const row of rows) found.set(row.person_id, [...(found.get(row.person_id) ?? []), row.liberated_on as string]);
  return found;
}
