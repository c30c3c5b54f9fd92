import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nameKey, normalisePrisonNumber } from '../people/names.ts';
import { peopleNamed, type NamedPerson } from '../people/queries.ts';

/** Who a row is about, as the file says. */
export interface RowPerson {
  prisonNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
}

/**
 * Who a row turned out to be: someone already recorded (`existing`), someone an earlier row of this
 * file brings in (`inFile`), nobody yet (`none`), or possibly one of some recorded people (`unsure`,
 * for the user to decide: never guessed).
 */
export type Match = { kind: 'existing' | 'inFile'; personId: string } | { kind: 'none' } | { kind: 'unsure'; candidates: NamedPerson[] };

/** A word similarity at which, with the same date of birth, two names are taken to be the same person's. */
const SURE_SIMILARITY = 0.6;

/**
 * Matches rows to people: by prison number first, then by name and date of birth with the tolerance
 * of person search. Remembers the people the file itself brings in, so that a person's second
 * sign-up in the same file finds the first. Numbers and names are looked up a batch at a time.
 */
export class PeopleMatcher {
  /** Recorded people by prison number, null for none (the batch's look-ups). */
  private readonly byNumber = new Map<string, string | null>();
  private readonly inFileByNumber = new Map<string, string>();
  private readonly inFileByName = new Map<string, string>();
  /** Recorded people with names near a name key (the batch's name look-ups). */
  private readonly near = new Map<string, NamedPerson[]>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly programmeId: string,
    private readonly importId: string,
  ) {}

  /**
   * Looks up a batch of rows at once: their prison numbers (one query), then (`byName`) the people
   * with names near those of the rows no number identifies (one query). The batch before's look-ups
   * are forgotten, so that memory holds a batch's, not the file's (the people the file brings in are
   * remembered apart).
   */
  async prefetch(rows: readonly RowPerson[], options: { byName: boolean }): Promise<void> {
    this.byNumber.clear();
    this.near.clear();
    await this.lookUp(rows, options);
  }

  private async lookUp(rows: readonly RowPerson[], options: { byName: boolean }): Promise<void> {
    const wanted = [...new Set(rows.flatMap((row) => (row.prisonNumber ? [normalisePrisonNumber(row.prisonNumber)] : [])))].filter(
      (n) => !this.byNumber.has(n),
    );
    if (wanted.length > 0) {
      const found = await this.db
        .selectFrom('prison_number as pn')
        .innerJoin('person as p', 'p.id', 'pn.person_id')
        .select(['pn.number', 'p.id', 'p.merged_into'])
        .where('pn.programme_id', '=', this.programmeId)
        .where('pn.number', 'in', wanted)
        .execute();
      for (const number of wanted) this.byNumber.set(number, null);
      for (const row of found) this.byNumber.set(row.number, row.merged_into ?? row.id);
    }
    if (!options.byName) return;
    const unnamed = rows.filter((row) => row.firstName && row.lastName && !this.recorded(row) && !this.near.has(nameKeyOf(row)));
    const names = [...new Map(unnamed.map((row) => [nameKeyOf(row), { firstName: row.firstName as string, lastName: row.lastName as string }])).entries()];
    const candidates = await peopleNamed(this.db, { programmeId: this.programmeId, names: names.map(([, name]) => name), exceptImportId: this.importId });
    names.forEach(([key], index) => this.near.set(key, candidates[index] ?? []));
  }

  /** The person a row is about. Call prefetch with the batch's rows first. */
  async match(row: RowPerson, options: { byName: boolean }): Promise<Match> {
    const inFile = this.inFile(row);
    if (inFile) return { kind: 'inFile', personId: inFile };
    const recorded = this.recorded(row);
    if (recorded) return { kind: 'existing', personId: recorded };
    if (!options.byName || !row.lastName || !row.firstName) return { kind: 'none' };
    if (!this.near.has(nameKeyOf(row))) await this.lookUp([row], options);
    const number = row.prisonNumber ? normalisePrisonNumber(row.prisonNumber) : null;
    const candidates = (this.near.get(nameKeyOf(row)) ?? []).filter(
      (c) => c.dateOfBirth === null || row.dateOfBirth === null || c.dateOfBirth === row.dateOfBirth || sameKey(c, row),
    );
    const sure = candidates.filter(
      (c) => c.dateOfBirth !== null && c.dateOfBirth === row.dateOfBirth && c.similarity >= SURE_SIMILARITY && !otherNumber(c, number),
    );
    if (sure.length === 1 && candidates.length === 1 && sure[0]) return { kind: 'existing', personId: sure[0].id };
    return candidates.length > 0 ? { kind: 'unsure', candidates } : { kind: 'none' };
  }

  /** The recorded person whose prison number the row has (looked up by prefetch). */
  private recorded(row: RowPerson): string | null {
    return row.prisonNumber ? (this.byNumber.get(normalisePrisonNumber(row.prisonNumber)) ?? null) : null;
  }

  /** The person an earlier row of this file brings in, if this row is about them. */
  inFile(row: RowPerson): string | undefined {
    const number = row.prisonNumber ? normalisePrisonNumber(row.prisonNumber) : null;
    if (number) return this.inFileByNumber.get(number);
    return row.firstName && row.lastName && row.dateOfBirth ? this.inFileByName.get(nameAndBirth(row)) : undefined;
  }

  /** Notes a person this file brings in, so that later rows about them find them. */
  remember(row: RowPerson, personId: string): void {
    if (row.prisonNumber) this.inFileByNumber.set(normalisePrisonNumber(row.prisonNumber), personId);
    if (row.firstName && row.lastName && row.dateOfBirth) this.inFileByName.set(nameAndBirth(row), personId);
  }
}

/** Each row's name key, worked out once: a row is matched, remembered and named more than once. */
const nameKeys = new WeakMap<RowPerson, string>();
/** The key a row's name is matched and stored by (searchKey of its first and last names). */
export function nameKeyOf(row: RowPerson): string {
  let key = nameKeys.get(row);
  if (key === undefined) {
    key = nameKey(`${row.firstName} ${row.lastName}`);
    nameKeys.set(row, key);
  }
  return key;
}
const nameAndBirth = (row: RowPerson) => `${nameKeyOf(row)}|${row.dateOfBirth ?? ''}`;
const sameKey = (candidate: NamedPerson, row: RowPerson) => nameKey(`${candidate.firstName} ${candidate.lastName}`) === nameKeyOf(row);
/** The candidate is known by prison numbers and none is the row's: two different people, or a new number. */
const otherNumber = (candidate: NamedPerson, number: string | null) =>
  number !== null && candidate.prisonNumbers.length > 0 && !candidate.prisonNumbers.includes(number);
