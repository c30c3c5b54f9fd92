import type { ChoiceList } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { keptCodes } from '../settings/lists.ts';

/** Whether a code is an active entry of the programme's list. */
export async function isActiveChoice(ctx: SignedInCtx, list: ChoiceList, code: string): Promise<boolean> {
  const found = await ctx.db
    .selectFrom('choice')
    .select('id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', list)
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  return found !== undefined;
}

/**
 * A code must be an active entry of the programme's list, or the field gets `message`: the problems
 * to show with a form's others (none when no code is given). `kept` is the code (or codes) the record
 * being corrected already holds: it stays allowed when the list no longer has it in use, so that
 * correcting something else on the record does not have to change it.
 */
export async function choiceProblems(
  ctx: SignedInCtx,
  list: ChoiceList,
  code: string | null | undefined,
  field: string,
  message: string,
  kept?: unknown,
): Promise<FieldProblem[]> {
  if (code === undefined || code === null || keptCodes(kept).includes(code)) return [];
  return (await isActiveChoice(ctx, list, code)) ? [] : [{ field, message }];
}
