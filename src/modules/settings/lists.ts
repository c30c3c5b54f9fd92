import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import type { ChoiceList } from '../../db/schema.ts';

/** How an entry a record still holds, but the list no longer offers, is shown among the choices. */
export const noLongerInUse = (label: string) => `${label} (no longer in use)`;

/** The codes a record holds (one, or several), for `kept` below: none for a new record. */
export function keptCodes(kept: unknown): string[] {
  return [kept].flat().filter((code): code is string => typeof code === 'string' && code !== '');
}

/** The same for ids (a reference list's, a worker's): only an id can be a record's, so a form sent back with something else in the field keeps nothing. */
export const keptIds = (kept: unknown): string[] => keptCodes(kept).filter((id) => z.guid().safeParse(id).success);

/**
 * The programme's active entries of a configurable list, in order. With `kept`, the code or codes a
 * record already holds are offered too, though the list no longer has them in use (saying so), so
 * that correcting the record neither loses them nor has to replace them.
 */
export async function listChoices(ctx: SignedInCtx, list: ChoiceList, kept?: unknown) {
  const codes = keptCodes(kept);
  const rows = await ctx.db
    .selectFrom('choice')
    .select(['code', 'label', 'active'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', '=', list)
    .where((eb) => (codes.length ? eb.or([eb('active', '=', true), eb('code', 'in', codes)]) : eb('active', '=', true)))
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
  return rows.map((row) => ({ code: row.code, label: row.active ? row.label : noLongerInUse(row.label) }));
}

/** A configurable list as GOV.UK select or radio items, with the current value chosen (and offered, if no longer in use). */
export async function choiceItems(ctx: SignedInCtx, list: ChoiceList, selected: unknown, empty?: string) {
  const items = (await listChoices(ctx, list, selected)).map((c) => ({ value: c.code, text: c.label, selected: c.code === selected, checked: c.code === selected }));
  return empty === undefined ? items : [{ value: '', text: empty }, ...items];
}
