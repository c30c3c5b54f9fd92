import { sql } from 'kysely';
import type { ChoiceList } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import type { Rules } from './schemas.ts';

/** Programme rules (eligibility, "no contact" days) and configurable lists, changed by administrators. */
export async function getRules(ctx: SignedInCtx): Promise<Rules> {
  const row = await ctx.db
    .selectFrom('programme')
    .select([
      'eligibility_min_months as eligibilityMinMonths',
      'eligibility_max_months as eligibilityMaxMonths',
      'no_contact_days as noContactDays',
      'in_work_check_weeks as inWorkCheckWeeks',
      'distance_improvement as distanceImprovement',
      'return_window_days as returnWindowDays',
      'return_min_group as returnMinGroup',
      'return_min_adjusted_group as returnMinAdjustedGroup',
      'sign_up_window_min_days as signUpWindowMinDays',
      'sign_up_window_max_days as signUpWindowMaxDays',
      'supervision_interval_weeks as supervisionIntervalWeeks',
      'staff_expiry_warning_days as staffExpiryWarningDays',
      'comparison_min_group as comparisonMinGroup',
    ])
    .where('id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
  return { ...row, eligibilityMinMonths: Number(row.eligibilityMinMonths), eligibilityMaxMonths: Number(row.eligibilityMaxMonths) };
}

export async function saveRules(ctx: SignedInCtx, rules: Rules): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('programme')
      .set({
        eligibility_min_months: rules.eligibilityMinMonths,
        eligibility_max_months: rules.eligibilityMaxMonths,
        no_contact_days: rules.noContactDays,
        in_work_check_weeks: rules.inWorkCheckWeeks,
        distance_improvement: rules.distanceImprovement,
        return_window_days: rules.returnWindowDays,
        return_min_group: rules.returnMinGroup,
        return_min_adjusted_group: rules.returnMinAdjustedGroup,
        sign_up_window_min_days: rules.signUpWindowMinDays,
        sign_up_window_max_days: rules.signUpWindowMaxDays,
        supervision_interval_weeks: rules.supervisionIntervalWeeks,
        staff_expiry_warning_days: rules.staffExpiryWarningDays,
        comparison_min_group: rules.comparisonMinGroup,
      })
      .where('id', '=', ctx.actor.programmeId)
      .execute();
    await audit(tx, { action: 'update', recordType: 'programme', recordId: ctx.actor.programmeId, detail: { ...rules } });
  });
}

export function listEntries(ctx: SignedInCtx, list: ChoiceList) {
  return ctx.db
    .selectFrom('choice')
    .select(['id', 'code', 'label', 'sort_order as sortOrder', 'active', 'version'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', list)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
}

export async function getEntry(ctx: SignedInCtx, list: ChoiceList, id: string) {
  const entry = (await listEntries(ctx, list)).find((e) => e.id === id);
  if (!entry) throw new NotFoundError();
  await audit(ctx, { action: 'read', recordType: 'choice', recordId: id });
  return entry;
}

export async function addEntry(ctx: SignedInCtx, list: ChoiceList, entry: { code: string; label: string; sortOrder: number; active: boolean }) {
  await inTransaction(ctx, async (tx) => {
    const taken = await tx.db.selectFrom('choice').select('id').where('programme_id', '=', ctx.actor.programmeId).where('list', '=', list).where('code', '=', entry.code).executeTakeFirst();
    if (taken) throw new ValidationError([{ field: 'code', message: 'This code is already in the list' }]);
    const row = await tx.db
      .insertInto('choice')
      .values({ programme_id: ctx.actor.programmeId, list, code: entry.code, label: entry.label, sort_order: entry.sortOrder, active: entry.active })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'choice', recordId: row.id, detail: { list, code: entry.code } });
  });
}

/** The code never changes once used: reports group by it. The name, position and use can. */
export async function updateEntry(ctx: SignedInCtx, list: ChoiceList, id: string, version: number, entry: { label: string; sortOrder: number; active: boolean }) {
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('choice')
      .set({ label: entry.label, sort_order: entry.sortOrder, active: entry.active, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('list', '=', list)
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError();
    await audit(tx, { action: 'update', recordType: 'choice', recordId: id, detail: { list } });
  });
}
