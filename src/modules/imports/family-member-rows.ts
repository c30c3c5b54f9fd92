import type { AgeGroup } from '../../db/schema.ts';
import { FamilyFinder, groupByFamily, type KnownFamily } from './family-finder.ts';
import { normalise } from './headers.ts';
import { addFieldProblem, textOf, ukDay, type ReadRow, type RunState } from './run-state.ts';

/** A member as compared for duplicates: the same names and date of birth (or age group) in the same family. */
const memberKey = (m: { first_name: string; last_name: string | null; date_of_birth: string | null; age_group: string | null }) =>
  [normalise(m.first_name), normalise(m.last_name ?? ''), m.date_of_birth ?? m.age_group ?? ''].join('|');

/**
 * Family members. Each row is one member of a family the programme has recorded (its referrals
 * imported first), known by its reference: their names, relationship, and date of birth or, where
 * that is not known, whether an adult or a child (a date of birth wins when both are given). A
 * member already recorded (or on an earlier row) with the same names and date of birth is a problem row.
 */
export class FamilyMemberRows {
  private readonly families: FamilyFinder;
  /** family id -> its members' keys -> the row of this file that brings them (0: recorded before). */
  private readonly members = new Map<string, Map<string, number>>();

  constructor(private readonly state: RunState) {
    this.families = new FamilyFinder(state.db, state.programmeId);
  }

  async handleBatch(rows: ReadRow[]): Promise<void> {
    const { state } = this;
    await this.families.prefetch(rows.map((row) => textOf(row, 'familyRef')));
    const familyOf = (row: ReadRow) => this.families.get(textOf(row, 'familyRef') as string);
    await this.loadMembers(rows.flatMap((row) => familyOf(row)?.id ?? []));
    // In file order, so that the problems are listed row by row.
    for (const row of rows) {
      const family = familyOf(row);
      if (family) this.add(row, family);
      else addFieldProblem(state, row, 'familyRef', `No family with reference ${textOf(row, 'familyRef')} is recorded: import its referrals first`);
    }
  }

  private add(row: ReadRow, family: KnownFamily): void {
    const { state } = this;
    const dateOfBirth = textOf(row, 'dateOfBirth');
    const ageGroup = dateOfBirth ? null : (textOf(row, 'ageGroup') as AgeGroup | null);
    if (dateOfBirth && dateOfBirth > state.today) {
      addFieldProblem(state, row, 'dateOfBirth', `The date of birth ${ukDay(dateOfBirth)} is in the future`);
      return;
    }
    if (!dateOfBirth && !ageGroup) {
      addFieldProblem(
        state,
        row,
        state.columnNames.dateOfBirth ? 'dateOfBirth' : 'ageGroup',
        'Enter the date of birth, or whether they are an adult or a child',
      );
      return;
    }
    const member = { first_name: textOf(row, 'firstName') as string, last_name: textOf(row, 'lastName'), date_of_birth: dateOfBirth, age_group: ageGroup };
    const known = this.members.get(family.id) ?? new Map<string, number>();
    const earlier = known.get(memberKey(member));
    if (earlier !== undefined) {
      const where = earlier > 0 ? `on row ${earlier}` : 'already recorded';
      addFieldProblem(state, row, 'firstName', `${member.first_name} is ${where} as a member of family ${family.reference}`);
      return;
    }
    state.pending.add('family_member', {
      programme_id: state.programmeId,
      family_id: family.id,
      ...member,
      relationship: textOf(row, 'relationship') as string,
      created_by: state.userId,
    });
    known.set(memberKey(member), row.rowNumber);
    this.members.set(family.id, known);
  }

  /** The recorded members of the batch's families, once per family. */
  private async loadMembers(familyIds: string[]): Promise<void> {
    const ids = [...new Set(familyIds)].filter((id) => !this.members.has(id));
    if (ids.length === 0) return;
    const rows = await this.state.db
      .selectFrom('family_member')
      .select(['family_id', 'first_name', 'last_name', 'date_of_birth', 'age_group'])
      .where('family_id', 'in', ids)
      .where('entered_in_error_at', 'is', null)
      .execute();
    for (const [id, members] of groupByFamily(ids, rows)) this.members.set(id, new Map(members.map((m) => [memberKey(m), 0])));
  }
}
