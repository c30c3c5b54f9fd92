import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { choiceProblems } from '../casework/choices.ts';
import { auditFamily } from './audit.ts';
import { listChoices } from '../settings/lists.ts';
import { familyRecord, saveRecord, type RecordRow } from './records.ts';
import { engageFromSupport } from './referrals.ts';
import type { SupportInput } from './schemas.ts';
import { loadFamily } from './store.ts';

/** Support given: a contact or session with some of the family's members, of one or more support types. */

/** The family's members who may take part: those not entered in error. */
export function currentMembers(ctx: SignedInCtx, familyId: string) {
  return ctx.db
    .selectFrom('family_member')
    .select(['id', 'first_name as firstName', 'last_name as lastName'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('family_id', '=', familyId)
    .where('entered_in_error_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** What is wrong with support given, on the fields given; `kept` is the record being corrected, whose own types stay allowed though no longer in use. */
export async function supportProblems(ctx: SignedInCtx, familyId: string, input: Partial<SupportInput>, kept?: RecordRow<'support'>): Promise<FieldProblem[]> {
  const problems = await choiceProblems(ctx, 'contact_type', input.contactType, 'contactType', 'Select the type of contact from the list', kept?.contact_type);
  if (input.memberIds) {
    const members = new Set((await currentMembers(ctx, familyId)).map((m) => m.id));
    if (input.memberIds.some((id) => !members.has(id))) problems.push({ field: 'memberIds', message: 'Select who took part from the family’s members' });
  }
  if (input.supportTypes) {
    const types = new Set((await listChoices(ctx, 'family_support_type', kept?.support_types)).map((c) => c.code));
    if (input.supportTypes.some((code) => !types.has(code))) problems.push({ field: 'supportTypes', message: 'Select the support given from the list' });
  }
  return problems;
}

const columnsOf = (input: SupportInput) => ({
  support_on: input.supportOn,
  contact_type: input.contactType,
  support_types: [...new Set(input.supportTypes)],
  minutes: input.minutes ?? null,
  notes: input.notes ?? null,
});

async function saveMembers(tx: SignedInCtx, supportId: string, memberIds: string[]) {
  await tx.db.deleteFrom('family_support_member').where('programme_id', '=', tx.actor.programmeId).where('support_id', '=', supportId).execute();
  await tx.db
    .insertInto('family_support_member')
    .values([...new Set(memberIds)].map((member_id) => ({ programme_id: tx.actor.programmeId, support_id: supportId, member_id })))
    .execute();
}

export async function addSupport(ctx: SignedInCtx, props: { familyId: string; input: SupportInput }): Promise<string> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('family_support')
      .values({ programme_id: ctx.actor.programmeId, family_id: family.id, ...columnsOf(props.input), created_by: ctx.actor.userId, updated_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveMembers(tx, id, props.input.memberIds);
    await auditFamily(tx, family.id, { action: 'create', recordType: 'family-support', recordId: id });
    await engageFromSupport(tx, family.id);
    return id;
  });
}

/** Who took part in a record of support given. */
export async function supportMemberIds(ctx: SignedInCtx, supportId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('family_support_member').select('member_id').where('programme_id', '=', ctx.actor.programmeId).where('support_id', '=', supportId).execute();
  return rows.map((row) => row.member_id);
}

export async function correctSupport(ctx: SignedInCtx, props: { familyId: string; supportId: string; version: number; input: SupportInput }): Promise<void> {
  const { row } = await familyRecord(ctx, { familyId: props.familyId, kind: 'support', recordId: props.supportId });
  const before = (await supportMemberIds(ctx, row.id)).sort();
  const after = [...new Set(props.input.memberIds)].sort();
  const membersChanged = JSON.stringify(before) !== JSON.stringify(after);
  await inTransaction(ctx, async (tx) => {
    await saveRecord(tx, { kind: 'support', row, version: props.version, changes: columnsOf(props.input), alsoChanged: membersChanged ? ['members'] : [] });
    if (membersChanged) await saveMembers(tx, row.id, after);
    await engageFromSupport(tx, row.family_id, [row.support_on]);
  });
}

/** After support is marked entered in error: the engaged date it gave a referral is taken back. */
export const supportInError = (tx: SignedInCtx, row: RecordRow<'support'>) => engageFromSupport(tx, row.family_id, [row.support_on]);

/** The family's support given, newest first (in error too), with who took part and the types in words. */
export async function familySupport(ctx: SignedInCtx, familyId: string) {
  const [rows, takingPart] = await Promise.all([
    ctx.db
      .selectFrom('family_support as s')
      .leftJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 's.programme_id').onRef('c.list', '=', 's.contact_type_list').onRef('c.code', '=', 's.contact_type'))
      .select([
        's.id',
        's.support_on as supportOn',
        's.contact_type as contactType',
        'c.label as contactTypeLabel',
        's.support_types as supportTypes',
        's.minutes',
        's.notes',
        's.version',
        's.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('s.programme_id', '=', ctx.actor.programmeId)
      .where('s.family_id', '=', familyId)
      .orderBy('s.support_on', 'desc')
      .orderBy('s.created_at', 'desc')
      .execute(),
    ctx.db
      .selectFrom('family_support_member as sm')
      .innerJoin('family_support as s', (join) => join.onRef('s.programme_id', '=', 'sm.programme_id').onRef('s.id', '=', 'sm.support_id'))
      .innerJoin('family_member as m', (join) => join.onRef('m.programme_id', '=', 'sm.programme_id').onRef('m.id', '=', 'sm.member_id'))
      .select(['sm.support_id as supportId', 'm.id as memberId', 'm.first_name as firstName', 'm.last_name as lastName'])
      .where('s.programme_id', '=', ctx.actor.programmeId)
      .where('s.family_id', '=', familyId)
      .orderBy('m.created_at')
      .execute(),
  ]);
  // Every type the records hold in words, those no longer in use too.
  const types = await listChoices(ctx, 'family_support_type', rows.flatMap((row) => row.supportTypes));
  const label = new Map(types.map((t) => [t.code, t.label]));
  return rows.map((row) => {
    const members = takingPart.filter((m) => m.supportId === row.id);
    return {
      ...row,
      memberIds: members.map((m) => m.memberId),
      memberNames: members.map((m) => [m.firstName, m.lastName].filter(Boolean).join(' ')),
      supportTypeLabels: row.supportTypes.map((code) => label.get(code) ?? code),
    };
  });
}
