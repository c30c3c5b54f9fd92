import type { RowPerson } from './people-matching.ts';
import { addProblem, addUnsure, rowPerson, textOf, ukDay, type ReadRow, type RunState } from './run-state.ts';

/**
 * A return-to-custody extract: for each person, their next admission after liberation, or none (a
 * blank date) as of the day of the import. People are found by prison number, else by name and date
 * of birth; an unsure match waits for the user's decision.
 */
export async function handleCustodyReturnRows(state: RunState, rows: ReadRow[]): Promise<void> {
  const persons = rows.map(rowPerson);
  await state.matcher.prefetch(persons, { byName: true });
  for (const [index, row] of rows.entries()) {
    const person = persons[index] as RowPerson;
    if (!person.prisonNumber && !(person.lastName && person.firstName)) {
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: 'Enter a prison number, or a name and date of birth, to say who this is' });
      continue;
    }
    const admittedOn = textOf(row, 'admittedOn');
    if (admittedOn && admittedOn > state.today) {
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: `The admission date ${ukDay(admittedOn)} is in the future` });
      continue;
    }
    const decided = state.decisions[String(row.rowNumber)];
    const match = decided && decided !== 'new' ? ({ kind: 'existing', personId: decided } as const) : await state.matcher.match(person, { byName: true });
    if (match.kind === 'unsure' && !decided) {
      addUnsure(state, { rowNumber: row.rowNumber, person, candidates: match.candidates });
    } else if (match.kind === 'existing') {
      state.pending.add('custody_return', {
        programme_id: state.programmeId,
        person_id: match.personId,
        admitted_on: admittedOn,
        checked_on: state.today,
        created_by: state.userId,
      });
    } else {
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: 'No one recorded matches this row: import their sign-up first' });
    }
  }
}
