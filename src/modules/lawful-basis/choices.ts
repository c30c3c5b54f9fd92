import type { SignedInCtx } from '../../http/context.ts';
import { choiceItems } from '../settings/lists.ts';
import { SHARING_CONSENT, SHARING_CONSENT_WORDS } from './schemas.ts';

/** The items of the privacy questions: the programme's lists as radios, with the values given chosen. */
export async function lawfulBasisChoices(ctx: SignedInCtx, values: Record<string, unknown>) {
  const [lawfulBases, offenceConditions, healthConditions] = await Promise.all([
    choiceItems(ctx, 'lawful_basis', values.lawfulBasis),
    choiceItems(ctx, 'offence_data_condition', values.offenceDataCondition),
    choiceItems(ctx, 'health_data_condition', values.healthDataCondition),
  ]);
  const sharingConsentItems = SHARING_CONSENT.map((value) => ({ value, text: SHARING_CONSENT_WORDS[value], checked: value === values.sharingConsent }));
  return { lawfulBases, offenceConditions, healthConditions, sharingConsentItems };
}
