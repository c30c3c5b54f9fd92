import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { auditFamily } from './audit.ts';
import type { OutcomeInput } from './schemas.ts';
import { loadFamily } from './store.ts';

/** Outcomes for a family: the outcome types of the outcomes framework's family category. */

export function familyOutcomeTypes(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('choice as c')
    .innerJoin('outcome_type_rule as r', (join) => join.onRef('r.programme_id', '=', 'c.programme_id').onRef('r.code', '=', 'c.code'))
    .select(['c.code', 'c.label'])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.list', '=', 'outcome_type')
    .where('c.active', '=', true)
    .where('r.category', '=', 'family')
    .orderBy('c.sort_order')
    .orderBy('c.label')
    .execute();
}

export async function outcomeProblems(ctx: SignedInCtx, input: Partial<OutcomeInput>): Promise<FieldProblem[]> {
  if (input.outcomeType === undefined) return [];
  const types = await familyOutcomeTypes(ctx);
  return types.some((t) => t.code === input.outcomeType) ? [] : [{ field: 'outcomeType', message: 'Select the outcome from the list' }];
}

export async function addOutcome(ctx: SignedInCtx, props: { familyId: string; input: OutcomeInput }): Promise<string> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  const { input } = props;
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('family_outcome')
      .values({
        programme_id: ctx.actor.programmeId,
        family_id: family.id,
        outcome_type: input.outcomeType,
        achieved_on: input.achievedOn,
        note: input.note ?? null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditFamily(tx, family.id, { action: 'create', recordType: 'family-outcome', recordId: id });
    return id;
  });
}

export function familyOutcomes(ctx: SignedInCtx, familyId: string) {
  return ctx.db
    .selectFrom('family_outcome as o')
    .leftJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 'o.programme_id').onRef('c.list', '=', 'o.outcome_type_list').onRef('c.code', '=', 'o.outcome_type'))
    .select(['o.id', 'o.outcome_type as outcomeType', 'c.label as outcomeLabel', 'o.achieved_on as achievedOn', 'o.note', 'o.version', 'o.entered_in_error_reason as enteredInErrorReason'])
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .where('o.family_id', '=', familyId)
    .orderBy('o.achieved_on', 'desc')
    .execute();
}
