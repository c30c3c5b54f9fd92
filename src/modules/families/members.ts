import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { choiceProblems } from '../casework/choices.ts';
import { auditFamily } from './audit.ts';
import { familyRecord, saveRecord } from './records.ts';
import type { MemberInput } from './schemas.ts';
import { loadFamily } from './store.ts';

/** Whole years from a date of birth to a day ('YYYY-MM-DD' both). */
function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** A member is a child on a day by their date of birth (under 18), or by the age group recorded where it is not known. */
function isChildOn(member: { dateOfBirth: string | null; ageGroup: string | null }, on: string): boolean {
  return member.dateOfBirth ? ageOn(member.dateOfBirth, on) < 18 : member.ageGroup === 'child';
}

/** What is wrong with a member's details; `keptRelationship` is the corrected member's own, allowed though no longer in use. */
export const memberProblems = (ctx: SignedInCtx, input: Partial<MemberInput>, keptRelationship?: string): Promise<FieldProblem[]> =>
  choiceProblems(ctx, 'family_relationship', input.relationship, 'relationship', 'Select their relationship from the list', keptRelationship);

const columnsOf = (input: MemberInput) => ({
  first_name: input.firstName,
  last_name: input.lastName ?? null,
  relationship: input.relationship,
  date_of_birth: input.dateOfBirth ?? null,
  // The age group is kept only where the date of birth is not known.
  age_group: input.dateOfBirth ? null : (input.ageGroup ?? null),
});

export async function addMember(ctx: SignedInCtx, props: { familyId: string; input: MemberInput }): Promise<string> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('family_member')
      .values({ programme_id: ctx.actor.programmeId, family_id: family.id, ...columnsOf(props.input), created_by: ctx.actor.userId, updated_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditFamily(tx, family.id, { action: 'create', recordType: 'family-member', recordId: id });
    return id;
  });
}

export async function correctMember(ctx: SignedInCtx, props: { familyId: string; memberId: string; version: number; input: MemberInput }): Promise<void> {
  const { row } = await familyRecord(ctx, { familyId: props.familyId, kind: 'members', recordId: props.memberId });
  await inTransaction(ctx, (tx) => saveRecord(tx, { kind: 'members', row, version: props.version, changes: columnsOf(props.input) }));
}

/** The family's members (those in error too, struck through), each an adult or a child today. */
export async function familyMembers(ctx: SignedInCtx, familyId: string) {
  const rows = await ctx.db
    .selectFrom('family_member as m')
    .leftJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 'm.programme_id').onRef('c.list', '=', 'm.relationship_list').onRef('c.code', '=', 'm.relationship'))
    .select([
      'm.id',
      'm.first_name as firstName',
      'm.last_name as lastName',
      'm.relationship',
      'c.label as relationshipLabel',
      'm.date_of_birth as dateOfBirth',
      'm.age_group as ageGroup',
      'm.version',
      'm.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('m.programme_id', '=', ctx.actor.programmeId)
    .where('m.family_id', '=', familyId)
    .orderBy('m.created_at')
    .execute();
  const now = today(ctx.actor.timeZone);
  return rows.map((row) => ({
    ...row,
    name: [row.firstName, row.lastName].filter(Boolean).join(' '),
    child: isChildOn(row, now),
    age: row.dateOfBirth ? ageOn(row.dateOfBirth, now) : null,
  }));
}
