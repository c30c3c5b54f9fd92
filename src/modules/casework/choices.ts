import type { ChoiceList } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';

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

/** A code must be an active entry of the programme's list, or the field gets `message`. */
export async function checkChoice(ctx: SignedInCtx, list: ChoiceList, code: string, field: string, message: string): Promise<void> {
  throwProblems(await choiceProblems(ctx, list, code, field, message));
}

/** The same, as the problems to show with a form's others (none when no code is given). */
export async function choiceProblems(ctx: SignedInCtx, list: ChoiceList, code: string | null | undefined, field: string, message: string): Promise<FieldProblem[]> {
  return code !== undefined && code !== null && !(await isActiveChoice(ctx, list, code)) ? [{ field, message }] : [];
}
