import type { KnownFamily } from './family-finder.ts';
import { RecordedFamilyRows, type RecordedMember } from './family-recorded-rows.ts';
import { normalise } from './headers.ts';
import { newId } from './new-id.ts';
import { codesOf } from './record.ts';
import { addFieldProblem, numberOf, textOf, ukDay, type ReadRow } from './run-state.ts';

/** The names in a "who took part" cell: separated by commas, semicolons, slashes, "&" or "and". */
const namesIn = (text: string) =>
  text
    .split(/[,;/&\n]|\s+and\s+/i)
    .map((name) => name.trim())
    .filter((name) => name !== '');

/**
 * Support given to families: each row is a contact or session with a family the programme has
 * recorded (known by its reference), of one or more support types, with the members who took part
 * named by first name (or full name), matched to the family's recorded members ignoring capitals. A
 * name no member has, or that several members share, is a problem row: never a guess.
 */
export class FamilySupportRows extends RecordedFamilyRows<RecordedMember[]> {
  protected keep(members: RecordedMember[]): RecordedMember[] {
    return members;
  }

  protected add(row: ReadRow, family: KnownFamily): void {
    const { state } = this;
    const supportOn = textOf(row, 'supportOn') as string;
    const before = state.report.problemCount;
    if (supportOn > state.today) addFieldProblem(state, row, 'supportOn', `The date ${ukDay(supportOn)} is in the future`);
    const tookPart = new Set<string>();
    for (const name of namesIn(textOf(row, 'members') ?? '')) {
      const matches = this.matching(family.id, name);
      if (matches.length === 1) tookPart.add((matches[0] as RecordedMember).id);
      else if (matches.length === 0) addFieldProblem(state, row, 'members', `No member of family ${family.reference} is called ${name}`);
      else addFieldProblem(state, row, 'members', `${matches.length} members of family ${family.reference} are called ${name}: give their full names`);
    }
    if (state.report.problemCount > before) return;
    const id = newId();
    state.pending.add('family_support', {
      id,
      programme_id: state.programmeId,
      family_id: family.id,
      support_on: supportOn,
      contact_type: textOf(row, 'contactType') as string,
      support_types: codesOf(row.values.supportTypes),
      minutes: numberOf(row, 'minutes'),
      notes: textOf(row, 'notes'),
      created_by: state.userId,
    });
    for (const memberId of tookPart) state.pending.add('family_support_member', { programme_id: state.programmeId, support_id: id, member_id: memberId });
  }

  /** The family's members a name means: by full name, else by first name. */
  private matching(familyId: string, name: string): RecordedMember[] {
    const wanted = normalise(name);
    const members = this.members.get(familyId) ?? [];
    const full = members.filter((m) => normalise(`${m.first_name} ${m.last_name ?? ''}`) === wanted);
    return full.length > 0 ? full : members.filter((m) => normalise(m.first_name) === wanted);
  }
}
