import type { SignedInCtx } from '../../http/context.ts';
import { activeChoices } from '../reference/service.ts';
import { choiceItems } from '../settings/lists.ts';

/** Choices on the person form: genders and local authorities. */
export async function personChoices(ctx: SignedInCtx, values: Record<string, unknown>) {
  return {
    genders: await choiceItems(ctx, 'gender', values.gender, 'Not recorded'),
    localAuthorities: await activeChoices(ctx, { table: 'local_authority', selected: values.localAuthorityId, empty: 'Not known' }),
  };
}
