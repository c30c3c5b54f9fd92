import type { ChoiceList } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';

/** A code must be an active entry of the programme's list, or the field gets `message`. */
export async function checkChoice(ctx: SignedInCtx, list: ChoiceList, code: string, field: string, message: string): Promise<void> {
  const found = await ctx.db
    .selectFrom('choice')
    .select('id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', list)
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!found) throw new ValidationError([{ field, message }]);
}
