import type { AgeGroup } from '../../db/schema.ts';
import type { KnownFamily } from './family-finder.ts';
import { RecordedFamilyRows, type RecordedMember } from './family-recorded-rows.ts';
import { normalise } from './headers.ts';
import { addFieldProblem, textOf, ukDay, type ReadRow } from './run-state.ts';

/** A member as compared for duplicates: the same names and date of birth (or age group) in the same family. */
const memberKey = (m: { first_name: string; last_name: string | null; date_of_birth: string | null; age_group: string | null }) =>
  [normalise(m.first_name), normalise(m.last_name ?? ''), m.date_of_birth ?? m.age_group ?? ''].join('|');

/**
 * Family members. Each row is one member of a family the programme has recorded (its referrals
 * imported first), known by its reference: their names, relationship, and date of birth or, where
 * that is not known, whether an adult or a child (a date of birth wins when both are given). A
 * member already recorded (or on an earlier row) with the same names and date of birth is a problem row.
 */
export class FamilyMemberRows extends RecordedFamilyRows<Map<string, number>> {
  /** A family's members' keys -> the row of this file that brings them (0: recorded before). */
  protected keep(members: RecordedMember[]): Map<string, number> {
    return new Map(members.map((m) => [memberKey(m), 0]));
  }

  protected add(row: ReadRow, family: KnownFamily): void {
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
}
