import { sql, type Selectable } from 'kysely';
import type { FamilyTable } from '../../db/schema.ts';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { auditFamily } from './audit.ts';
import type { FamilyInput } from './schemas.ts';

export type FamilyRow = Selectable<FamilyTable>;

/** A family as the policy knows it. */
export const familyResource = (row: FamilyRow) => ({ kind: 'family' as const, id: row.id, programmeId: row.programme_id, teamId: row.team_id, coordinatorId: row.coordinator_id });

/**
 * The family `familyId` of the actor's programme, for someone the policy lets do `action` with it:
 * not found when it does not exist or was entered in error; refused (and audited) otherwise.
 */
export async function loadFamily(ctx: SignedInCtx, familyId: string, action: 'families.read' | 'families.write'): Promise<FamilyRow> {
  const row = await ctx.db.selectFrom('family').selectAll().where('programme_id', '=', ctx.actor.programmeId).where('id', '=', familyId).executeTakeFirst();
  if (!row || row.entered_in_error_at !== null) throw new NotFoundError();
  await authorize(ctx, action, familyResource(row));
  return row;
}

/** The programme's family support co-ordinators, for choosing who works with a family. */
export function coordinators(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user')
    .select(['id', 'display_name as name', 'team_id as teamId'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('role', '=', 'family_support_coordinator')
    .where('active', '=', true)
    .orderBy('display_name')
    .execute();
}

export function teams(ctx: SignedInCtx) {
  return ctx.db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', ctx.actor.programmeId).where('active', '=', true).orderBy('name').execute();
}

/** The team and co-ordinator chosen must be the programme's (an active team; an active co-ordinator). */
export async function familyProblems(ctx: SignedInCtx, input: Partial<FamilyInput>, familyId?: string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.teamId && !(await teams(ctx)).some((team) => team.id === input.teamId)) problems.push({ field: 'teamId', message: 'Select a team from the list' });
  if (input.coordinatorId && !(await coordinators(ctx)).some((user) => user.id === input.coordinatorId)) {
    problems.push({ field: 'coordinatorId', message: 'Select a co-ordinator from the list' });
  }
  if (input.reference) {
    const taken = await ctx.db
      .selectFrom('family')
      .select('id')
      .where('programme_id', '=', ctx.actor.programmeId)
      .where((eb) => eb(eb.fn('lower', ['reference']), '=', input.reference?.toLowerCase() ?? ''))
      .where('entered_in_error_at', 'is', null)
      .$if(familyId !== undefined, (q) => q.where('id', '<>', familyId ?? ''))
      .executeTakeFirst();
    if (taken) problems.push({ field: 'reference', message: 'Another family already has this reference' });
  }
  return problems;
}

const columnsOf = (input: FamilyInput) => ({
  name: input.name,
  reference: input.reference ?? null,
  team_id: input.teamId,
  coordinator_id: input.coordinatorId ?? null,
  safeguarding: input.safeguarding,
  safeguarding_note: input.safeguarding ? (input.safeguardingNote ?? null) : null,
});

/** Adds a family (the policy's families.create; the caller has checked the input). */
export async function createFamily(ctx: SignedInCtx, input: FamilyInput): Promise<string> {
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('family')
      .values({ programme_id: ctx.actor.programmeId, ...columnsOf(input), created_by: ctx.actor.userId, updated_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'family', recordId: id });
    return id;
  });
}

/** Corrects a family from `version` (refused when someone else changed it since). */
export async function correctFamily(ctx: SignedInCtx, props: { familyId: string; version: number; input: FamilyInput }): Promise<void> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  const changes = columnsOf(props.input);
  const fields = Object.keys(changes).filter((column) => family[column as keyof FamilyRow] !== changes[column as keyof typeof changes]);
  // Moving a family to a team or co-ordinator the user could not then see is theirs to do: they hold it now.
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('family')
      .set({ ...changes, version: props.version + 1, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', family.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else changed this family while you were editing it, so your correction was not saved.');
    await auditFamily(tx, family.id, { action: 'update', recordType: 'family', recordId: family.id, detail: { fields } });
  });
}

/** Marks a family entered in error: it is kept, leaves every list and counts nowhere. */
export async function markFamilyInError(ctx: SignedInCtx, props: { familyId: string; version: number; reason: string }): Promise<void> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('family')
      .set({
        entered_in_error_at: sql`now()`,
        entered_in_error_by: ctx.actor.userId,
        entered_in_error_reason: props.reason,
        version: props.version + 1,
        updated_at: sql`now()`,
        updated_by: ctx.actor.userId,
      })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', family.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else changed this family while you were looking at it, so it was not marked.');
    await auditFamily(tx, family.id, { action: 'update', recordType: 'family', recordId: family.id, detail: { enteredInError: true } });
  });
}
