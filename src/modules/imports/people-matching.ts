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
 * sign-up in the same file finds the first. Prison numbers are looked up a batch at a time.
 */
export class PeopleMatcher {
  private readonly byNumber = new Map<string, string | null>();
  private readonly inFileByNumber = new Map<string, string>();
  private readonly inFileByName = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly programmeId: string,
    private readonly importId: string,
  ) {}

  /** Looks up, in one query, the prison numbers of a batch of rows not looked up before. */
  async prefetch(numbers: Iterable<string | null>): Promise<void> {
    const wanted = [...new Set([...numbers].filter((n): n is string => n !== null).map(normalisePrisonNumber))].filter((n) => !this.byNumber.has(n));
    if (wanted.length === 0) return;
    const rows = await this.db
      .selectFrom('prison_number as pn')
      .innerJoin('person as p', 'p.id', 'pn.person_id')
      .select(['pn.number', 'p.id', 'p.merged_into'])
      .where('pn.programme_id', '=', this.programmeId)
      .where('pn.number', 'in', wanted)
      .execute();
    for (const number of wanted) this.byNumber.set(number, null);
    for (const row of rows) this.byNumber.set(row.number, row.merged_into ?? row.id);
  }

  /** The person a row is about. Call prefetch with the batch's numbers first. */
  async match(row: RowPerson, options: { byName: boolean }): Promise<Match> {
    const inFile = this.inFile(row);
    if (inFile) return { kind: 'inFile', personId: inFile };
    const number = row.prisonNumber ? normalisePrisonNumber(row.prisonNumber) : null;
    const recorded = number ? this.byNumber.get(number) : null;
    if (recorded) return { kind: 'existing', personId: recorded };
    if (!options.byName || !row.lastName || !row.firstName) return { kind: 'none' };
    const candidates = (await peopleNamed(this.db, { programmeId: this.programmeId, firstName: row.firstName, lastName: row.lastName, exceptImportId: this.importId })).filter(
      (c) => c.dateOfBirth === null || row.dateOfBirth === null || c.dateOfBirth === row.dateOfBirth || sameKey(c, row),
    );
    const sure = candidates.filter(
      (c) => c.dateOfBirth !== null && c.dateOfBirth === row.dateOfBirth && c.similarity >= SURE_SIMILARITY && !otherNumber(c, number),
    );
    if (sure.length === 1 && candidates.length === 1 && sure[0]) return { kind: 'existing', personId: sure[0].id };
    return candidates.length > 0 ? { kind: 'unsure', candidates } : { kind: 'none' };
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

const nameAndBirth = (row: RowPerson) => `${nameKey(`${row.firstName} ${row.lastName}`)}|${row.dateOfBirth ?? ''}`;
const sameKey = (candidate: NamedPerson, row: RowPerson) =>
  nameKey(`${candidate.firstName} ${candidate.lastName}`) === nameKey(`${row.firstName} ${row.lastName}`);
/** The candidate is known by prison numbers and none is the row's: two different people, or a new number. */
const otherNumber = (candidate: NamedPerson, number: string | null) =>
  number !== null && candidate.prisonNumbers.length > 0 && !candidate.prisonNumbers.includes(number);
