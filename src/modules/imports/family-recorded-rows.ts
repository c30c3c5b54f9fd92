import { FamilyFinder, groupByFamily, type KnownFamily } from './family-finder.ts';
import { addFieldProblem, textOf, type ReadRow, type RunState } from './run-state.ts';

/** A recorded member of a family (not in error), as rows about its members compare them. */
export interface RecordedMember {
  id: string;
  family_id: string;
  first_name: string;
  last_name: string | null;
  date_of_birth: string | null;
  age_group: string | null;
}

/**
 * Rows about families already recorded (their members, support given to them): each row finds its
 * family by its reference, and the recorded members of a batch's families are loaded once per family
 * before the rows are taken in file order (so that problems are listed row by row). A reference no
 * family has is a problem row.
 */
export abstract class RecordedFamilyRows<Members> {
  private readonly families: FamilyFinder;
  /** Family id -> what the rows keep of its members (see keep), added to by earlier rows. */
  protected readonly members = new Map<string, Members>();

  constructor(protected readonly state: RunState) {
    this.families = new FamilyFinder(state.db, state.programmeId);
  }

  /** What the rows keep of a family's recorded members. */
  protected abstract keep(members: RecordedMember[]): Members;

  /** One row, with the family it names. */
  protected abstract add(row: ReadRow, family: KnownFamily): void;

  async handleBatch(rows: ReadRow[]): Promise<void> {
    const { state } = this;
    await this.families.prefetch(rows.map((row) => textOf(row, 'familyRef')));
    const familyOf = (row: ReadRow) => this.families.get(textOf(row, 'familyRef') as string);
    await this.loadMembers(rows.flatMap((row) => familyOf(row)?.id ?? []));
    for (const row of rows) {
      const family = familyOf(row);
      if (family) this.add(row, family);
      else addFieldProblem(state, row, 'familyRef', `No family with reference ${textOf(row, 'familyRef')} is recorded: import its referrals first`);
    }
  }

  private async loadMembers(familyIds: string[]): Promise<void> {
    const ids = [...new Set(familyIds)].filter((id) => !this.members.has(id));
    if (ids.length === 0) return;
    const rows = await this.state.db
      .selectFrom('family_member')
      .select(['id', 'family_id', 'first_name', 'last_name', 'date_of_birth', 'age_group'])
      .where('family_id', 'in', ids)
      .where('entered_in_error_at', 'is', null)
      .execute();
    for (const [id, members] of groupByFamily(ids, rows)) this.members.set(id, this.keep(members));
  }
}
