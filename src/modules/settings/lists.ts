import type { SignedInCtx } from '../../http/context.ts';
import type { ChoiceList } from '../../db/schema.ts';

/** The programme's active entries of a configurable list, in order. */
export function listChoices(ctx: SignedInCtx, list: ChoiceList) {
  return ctx.db
    .selectFrom('choice')
    .select(['code', 'label'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', list)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
}

/** A configurable list as GOV.UK select or radio items, with the current value chosen. */
export async function choiceItems(ctx: SignedInCtx, list: ChoiceList, selected: unknown, empty?: string) {
  const items = (await listChoices(ctx, list)).map((c) => ({ value: c.code, text: c.label, selected: c.code === selected, checked: c.code === selected }));
  return empty === undefined ? items : [{ value: '', text: empty }, ...items];
}
