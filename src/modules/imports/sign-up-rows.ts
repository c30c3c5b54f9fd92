import { normalisePrisonNumber } from '../people/names.ts';
import type { KnownEpisode } from './episode-finder.ts';
import { newId } from './new-id.ts';
import { nameKeyOf, type RowPerson } from './people-matching.ts';
import { writtenKey } from './record.ts';
import { addProblem, addUnsure, numberOf, rowPerson, textOf, ukDay, type ReadRow, type RunState } from './run-state.ts';
import { decisionFor } from './unsure-decisions.ts';

/**
 * A person this import knows: their names (keys) and prison numbers, so that new spellings and
 * numbers are added, not lost; and, for a person it creates, the gender and date of birth their
 * sign-ups carry (the database checks them; for anyone else it copies them itself). The import keeps
 * one for each person its file brings in, so a name or number is added by making the array anew, at
 * its size: pushed onto an empty array it would hold room for 17.
 */
interface KnownPerson {
  names: string[];
  numbers: string[];
  facts?: { person_gender: string | null; person_date_of_birth: string | null };
}

/**
 * People and sign-ups. Each row is one sign-up: its person is found (or created once, however many
 * of their sign-ups the file holds), a new spelling of their name is kept as an alias, a new prison
 * number is added, and the sign-up is created with its undated pre-release visits. A sign-up outside
 * the programme's eligibility rules is recorded as an override by the person importing.
 */
export class SignUpRows {
  private readonly people = new Map<string, KnownPerson>();

  constructor(
    private readonly state: RunState,
    private readonly rules: { minMonths: number; maxMonths: number },
  ) {}

  async handleBatch(rows: ReadRow[]): Promise<void> {
    const { matcher, episodes } = this.state;
    const persons = rows.map(rowPerson);
    await matcher.prefetch(persons, { byName: true });
    const matched: { row: ReadRow; person: RowPerson; personId: string | null }[] = [];
    for (const [index, row] of rows.entries()) {
      const person = persons[index] as RowPerson;
      if (!this.checked(row, person)) continue;
      const personId = await this.personFor(row, person);
      if (personId !== undefined) matched.push({ row, person, personId });
    }
    await episodes.prefetch(matched.flatMap((m) => (m.personId ? [m.personId] : [])));
    await this.loadKnown(matched.flatMap((m) => (m.personId && !this.people.has(m.personId) ? [m.personId] : [])));
    // In file order, so that a person new to the service is created once, by their first row.
    for (const { row, person, personId } of matched) {
      this.add(row, person, personId ?? matcher.inFile(person) ?? null);
      await this.state.pending.letWriterOn();
    }
  }

  /** The row's own checks: names, and dates in an order that can have happened. */
  private checked(row: ReadRow, person: RowPerson): boolean {
    const problem = (message: string) => addProblem(this.state, { rowNumber: row.rowNumber, column: null, message });
    const before = this.state.report.problemCount;
    if (!person.lastName || !person.firstName) problem('Enter the person’s first and last names (or map a column of full names)');
    const signedUpOn = textOf(row, 'signedUpOn');
    const liberatedOn = textOf(row, 'liberatedOn');
    const sentencedOn = textOf(row, 'sentencedOn');
    const today = this.state.today;
    if (person.dateOfBirth && person.dateOfBirth > today) problem(`The date of birth ${ukDay(person.dateOfBirth)} is in the future`);
    if (signedUpOn && signedUpOn > today) problem(`The sign-up date ${ukDay(signedUpOn)} is in the future`);
    if (signedUpOn && person.dateOfBirth && person.dateOfBirth >= signedUpOn) problem('The date of birth is not before the sign-up date');
    if (liberatedOn && liberatedOn > today) problem(`The liberation date ${ukDay(liberatedOn)} is in the future`);
    if (liberatedOn && signedUpOn && liberatedOn < signedUpOn)
      problem(`The liberation date ${ukDay(liberatedOn)} is before the sign-up date ${ukDay(signedUpOn)}`);
    if (sentencedOn && signedUpOn && sentencedOn > signedUpOn) problem('The sentence date is after the sign-up date');
    const gate = textOf(row, 'gate');
    if (gate && gate !== 'planned' && !liberatedOn) problem('A gate meeting is recorded but there is no liberation date');
    return this.state.report.problemCount === before && signedUpOn !== null;
  }

  /** The person's id (existing or new), null for someone the file brings in, undefined when unsure. */
  private async personFor(row: ReadRow, person: RowPerson): Promise<string | null | undefined> {
    const decided = this.state.decisions[String(row.rowNumber)];
    if (decided) return decided === 'new' ? null : decided;
    const match = await this.state.matcher.match(person, { byName: true });
    if (match.kind === 'unsure') {
      // The user's answer for all unsure rows, when they gave one.
      const answer = decisionFor(this.state.decisions, row.rowNumber, match.candidates);
      if (answer) return answer === 'new' ? null : answer;
      addUnsure(this.state, { rowNumber: row.rowNumber, person, candidates: match.candidates });
      return undefined;
    }
    return match.kind === 'none' ? null : match.personId;
  }

  private async loadKnown(personIds: string[]): Promise<void> {
    if (personIds.length === 0) return;
    const [names, numbers] = await Promise.all([
      this.state.db.selectFrom('person_name').select(['person_id', 'search_key']).where('person_id', 'in', personIds).execute(),
      this.state.db.selectFrom('prison_number').select(['person_id', 'number']).where('person_id', 'in', personIds).execute(),
    ]);
    for (const id of personIds) this.people.set(id, { names: [], numbers: [] });
    for (const n of names) this.people.get(n.person_id)?.names.push(n.search_key);
    for (const n of numbers) this.people.get(n.person_id)?.numbers.push(n.number);
  }

  private add(row: ReadRow, person: RowPerson, existingId: string | null): void {
    const { state } = this;
    const signedUpOn = textOf(row, 'signedUpOn') as string;
    const personId = existingId ?? this.createPerson(row, person);
    const known = this.people.get(personId) ?? { names: [], numbers: [] };
    const sameDay = state.episodes.of(personId).find((e) => e.signedUpOn === signedUpOn);
    if (sameDay) {
      const where = sameDay.row === undefined ? 'already' : `on row ${sameDay.row}`;
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: `This person’s sign-up on ${ukDay(signedUpOn)} is ${where} recorded` });
      return;
    }
    const overlap = overlapWith(state.episodes.of(personId), signedUpOn, textOf(row, 'liberatedOn'));
    if (overlap) {
      addProblem(state, { rowNumber: row.rowNumber, column: null, message: overlap });
      return;
    }
    state.matcher.remember(person, personId);
    this.keepNameAndNumber(personId, person, known);
    this.people.set(personId, known);
    this.createSignUp(row, personId, signedUpOn, known);
  }

  private createPerson(row: ReadRow, person: RowPerson): string {
    const id = newId();
    const gender = textOf(row, 'gender');
    this.people.set(id, { names: [], numbers: [], facts: { person_gender: gender, person_date_of_birth: person.dateOfBirth } });
    this.state.pending.add('person', {
      id,
      programme_id: this.state.programmeId,
      first_name: person.firstName as string,
      last_name: person.lastName as string,
      date_of_birth: person.dateOfBirth,
      gender,
      local_authority_id: textOf(row, 'localAuthority'),
      team_id: textOf(row, 'team') ?? this.state.teamId,
      created_by: this.state.userId,
    });
    return id;
  }

  /** A name or prison number the person is not yet known by is added to their record. */
  private keepNameAndNumber(personId: string, person: RowPerson, known: KnownPerson): void {
    const first = person.firstName as string;
    const last = person.lastName as string;
    const key = nameKeyOf(person);
    if (!known.names.includes(key)) {
      this.state.pending.add('person_name', {
        programme_id: this.state.programmeId,
        person_id: personId,
        first_name: first,
        last_name: last,
        is_alias: known.names.length > 0,
        search_key: key,
      });
      known.names = [...known.names, key];
    }
    const number = person.prisonNumber ? normalisePrisonNumber(person.prisonNumber) : null;
    if (number && !known.numbers.includes(number)) {
      this.state.pending.add('prison_number', { programme_id: this.state.programmeId, person_id: personId, number });
      known.numbers = [...known.numbers, number];
    }
  }

  private createSignUp(row: ReadRow, personId: string, signedUpOn: string, known: KnownPerson): void {
    const { state } = this;
    const id = newId();
    const months = numberOf(row, 'sentenceMonths') as number;
    const eligible = months >= this.rules.minMonths && months <= this.rules.maxMonths;
    const liberatedOn = textOf(row, 'liberatedOn');
    const gate = textOf(row, 'gate');
    state.pending.add('episode', {
      id,
      programme_id: state.programmeId,
      person_id: personId,
      prison_id: textOf(row, 'prison') as string,
      prison_number: textOf(row, 'prisonNumber') ? normalisePrisonNumber(textOf(row, 'prisonNumber') as string) : null,
      sentence_months: months,
      sentenced_on: textOf(row, 'sentencedOn'),
      expected_liberation_on: textOf(row, 'expectedLiberationOn'),
      previous_sentences: numberOf(row, 'previousSentences') ?? 0,
      signed_up_on: signedUpOn,
      eligibility_override_reason: eligible
        ? null
        : `Imported: a ${months}-month sentence is outside the eligibility rules (${this.rules.minMonths} to ${this.rules.maxMonths} months)`,
      eligibility_override_by: eligible ? null : state.userId,
      team_id: textOf(row, 'team') ?? state.teamId,
      liberated_on: liberatedOn,
      liberation_type: null,
      gate_status: gate as 'met' | 'declined' | 'missed' | 'planned' | null,
      gate_notes: null,
      non_engagement_reason: null,
      non_engagement_note: null,
      closed_on: null,
      closure_reason: null,
      closure_note: null,
      prison_coach_name: textOf(row, writtenKey('prisonCoach')),
      ...known.facts,
    });
    const prisonCoach = textOf(row, 'prisonCoach');
    if (prisonCoach) {
      state.pending.add('assignment', {
        programme_id: state.programmeId,
        episode_id: id,
        worker_id: prisonCoach,
        part: 'prison_life_coach',
        from_on: signedUpOn,
        assigned_by: state.userId,
        reason: 'Named as their prison life coach in an imported spreadsheet',
      });
    }
    state.episodes.add(personId, { id, signedUpOn, closedOn: null, liberatedOn, row: row.rowNumber });
    for (let n = 0; n < (numberOf(row, 'visits') ?? 0); n += 1) {
      state.pending.add('pre_release_visit', {
        programme_id: state.programmeId,
        episode_id: id,
        visited_on: null,
        worker_id: null,
        place: null,
        notes: 'Counted in an imported spreadsheet, without a date',
        created_by: state.userId,
      });
    }
  }
}

/**
 * Why a sign-up cannot sit among the person's other sign-ups (recorded, or earlier in this file),
 * whichever order the files come in: each sign-up ends when the next begins (the import closes an
 * open one on the day of the next, as returned to custody, and moves that end when a sign-up arrives
 * between them), so an earlier one must not have been closed by a user, or the person liberated, after
 * this one began; nor this one's liberation fall after the next began.
 */
function overlapWith(episodes: readonly KnownEpisode[], signedUpOn: string, liberatedOn: string | null): string | null {
  const before = episodes.findLast((e) => e.signedUpOn < signedUpOn);
  const after = episodes.find((e) => e.signedUpOn > signedUpOn);
  if (before?.closedOn && !before.closedByImport && before.closedOn > signedUpOn)
    return `This sign-up on ${ukDay(signedUpOn)} falls within the person’s sign-up from ${ukDay(before.signedUpOn)}, closed on ${ukDay(before.closedOn)}`;
  if (before?.liberatedOn && before.liberatedOn > signedUpOn)
    return `The person was liberated on ${ukDay(before.liberatedOn)} from their sign-up of ${ukDay(before.signedUpOn)}, after this sign-up on ${ukDay(signedUpOn)}`;
  if (after && liberatedOn && liberatedOn > after.signedUpOn)
    return `The liberation date ${ukDay(liberatedOn)} is after the person’s next sign-up, on ${ukDay(after.signedUpOn)}`;
  return null;
}
