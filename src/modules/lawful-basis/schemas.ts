import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';

/** What each required field says when it is missing (the page and the API say the same). */
export const MESSAGES = {
  privacyNoticeGiven: 'Confirm you have given them the privacy notice',
  lawfulBasis: 'Select the lawful basis for holding their information',
  offenceDataCondition: 'Select the condition for holding information about offences',
  healthDataCondition: 'Select the condition for holding information about their health',
  sharingConsent: 'Select whether they agree to their information being shared with partner agencies',
};

export const SHARING_CONSENT = ['given', 'refused', 'not_asked'] as const;
export const SHARING_CONSENT_WORDS: Record<(typeof SHARING_CONSENT)[number], string> = {
  given: 'They agree to sharing',
  refused: 'They do not agree to sharing',
  not_asked: 'Not asked yet',
};

const code = (message: string) => z.string({ error: message }).trim().min(1, message).max(40, message);
const sharingConsent = z.enum(SHARING_CONSENT, { error: MESSAGES.sharingConsent });

/** The lawful basis and its conditions: a choice from each of the programme's lists. */
const basisFields = {
  lawfulBasis: code(MESSAGES.lawfulBasis),
  offenceDataCondition: code(MESSAGES.offenceDataCondition),
  healthDataCondition: code(MESSAGES.healthDataCondition),
};

/** The sign-up form's privacy questions, in page order (a GOV.UK date input for the notice's date). */
export const lawfulBasisFormFields = {
  privacyNoticeGiven: z.literal('yes', { error: MESSAGES.privacyNoticeGiven }),
  privacyNoticeOn: dateField({ label: 'the date you gave them the privacy notice', required: true, notFuture: true }),
  ...basisFields,
  sharingConsent,
};
export const LAWFUL_BASIS_FIELD_ORDER = ['privacyNoticeGiven', 'privacyNoticeOn', 'lawfulBasis', 'offenceDataCondition', 'healthDataCondition', 'sharingConsent'];

/** The same in the sign-up API's body ('YYYY-MM-DD' dates). */
export const lawfulBasisBodyFields = {
  privacyNoticeOn: isoDate('the date the privacy notice was given').describe('When they were given the privacy notice (required: a sign-up records it)'),
  lawfulBasis: basisFields.lawfulBasis.describe('A code of the programme’s lawful_basis list (UK GDPR Article 6)'),
  offenceDataCondition: basisFields.offenceDataCondition.describe('A code of the programme’s offence_data_condition list (DPA 2018 Schedule 1)'),
  healthDataCondition: basisFields.healthDataCondition.describe('A code of the programme’s health_data_condition list'),
  sharingConsent: sharingConsent.describe('Whether they agree to their information being shared with partner agencies'),
};

/** Recording (or correcting) the lawful basis on a sign-up that has none: an older or imported one. */
export const lawfulBasisForm = z.object({
  privacyNoticeGiven: lawfulBasisFormFields.privacyNoticeGiven,
  privacyNoticeOn: lawfulBasisFormFields.privacyNoticeOn,
  ...basisFields,
  version: z.coerce.number().int().min(1),
});
export type LawfulBasisChange = { privacyNoticeOn: string; lawfulBasis: string; offenceDataCondition: string; healthDataCondition: string };

/** A later change to consent to share: they now agree, refuse, or withdraw the agreement they gave, on a date. */
export const CONSENT_CHANGES = ['given', 'refused', 'withdrawn'] as const;
const consentChange = z.enum(CONSENT_CHANGES, { error: 'Select what they have told you about sharing' });
export const sharingConsentForm = z.object({
  change: consentChange,
  changedOn: dateField({ label: 'the date they told you', required: true, notFuture: true }),
  version: z.coerce.number().int().min(1),
});
export const sharingConsentBody = z.object({
  change: consentChange.describe('given: they now agree; refused: they do not; withdrawn: they take back the agreement they gave'),
  changedOn: isoDate('the date they told you'),
  version: z.number().int().min(1),
});
export type ConsentChange = { change: (typeof CONSENT_CHANGES)[number]; changedOn: string };

const date = z.string().nullable();
/** A sign-up's privacy record as the API gives it: null is "not recorded" (older and imported sign-ups). */
export const lawfulBasisJson = z
  .object({
    privacyNoticeOn: date,
    lawfulBasis: z.string().nullable(),
    lawfulBasisLabel: z.string().nullable(),
    offenceDataCondition: z.string().nullable(),
    offenceDataConditionLabel: z.string().nullable(),
    healthDataCondition: z.string().nullable(),
    healthDataConditionLabel: z.string().nullable(),
    lawfulBasisOn: date.describe('When the lawful basis was recorded'),
    sharingConsent: z.enum(SHARING_CONSENT).nullable(),
    sharingConsentOn: date,
    sharingConsentWithdrawnOn: date,
    missing: z.array(z.string()).describe('What is not recorded'),
  })
  .describe('The privacy notice, lawful basis and consent to share with partner agencies');
