import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import { programmeSetting } from '../auth/second-factor-requirement.ts';
import { choiceOf, SETTING_CHOICES, type SettingChoice } from './schemas.ts';

/** The programme's second-factor setting, as the Settings page's radios name it. */
export async function getSetting(ctx: SignedInCtx): Promise<SettingChoice> {
  return choiceOf(await programmeSetting(ctx.db, ctx.actor.programmeId));
}

export async function saveSetting(ctx: SignedInCtx, choice: SettingChoice): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('programme').set({ second_factor_required: SETTING_CHOICES[choice] }).where('id', '=', ctx.actor.programmeId).execute();
    await audit(tx, { action: 'update', recordType: 'programme', recordId: ctx.actor.programmeId, detail: { secondFactorRequired: choice } });
  });
}
