import { dateParts } from './forms.ts';

/**
 * The sign-up form's privacy questions answered (issue 12, item 10): every new sign-up records the
 * privacy notice, the lawful basis and its conditions, and consent to share. Spread into a posted
 * sign-up form by tests about something else.
 */
export const privacyFields = (noticeOn = '2026-01-05') => ({
  privacyNoticeGiven: 'yes',
  ...dateParts('privacyNoticeOn', noticeOn),
  lawfulBasis: 'public_task',
  offenceDataCondition: 'statutory_purposes',
  healthDataCondition: 'health_social_care',
  sharingConsent: 'given',
});

/** The same for the sign-up API's body. */
export const privacyBody = (noticeOn = '2026-01-05') => ({
  privacyNoticeOn: noticeOn,
  lawfulBasis: 'public_task',
  offenceDataCondition: 'statutory_purposes',
  healthDataCondition: 'health_social_care',
  sharingConsent: 'given' as const,
});

/** The same answered in a real browser, on a sign-up form showing them (the notice's date left as today). */
export async function answerPrivacy(page: import('playwright-core').Page) {
  await page.getByLabel('I have given them the privacy notice').check();
  await page.getByLabel('Public task (UK GDPR Article 6(1)(e))').check();
  await page.getByLabel('Statutory and government purposes (DPA 2018 Schedule 1, Part 2, paragraph 6)').check();
  await page.getByLabel('Health or social care purposes (DPA 2018 Schedule 1, Part 1, paragraph 2)').check();
  await page.getByLabel('They agree to sharing').check();
}
