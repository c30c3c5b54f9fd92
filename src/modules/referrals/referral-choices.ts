import type { SignedInCtx } from '../../http/context.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { searchDirectory } from '../agencies/search.ts';
import { sharingConsentOf, type SharingState } from '../lawful-basis/service.ts';
import { choiceItems } from '../settings/lists.ts';
import { referralFormItems } from './referral-form.ts';
import { answeringOrganisations } from './sending.ts';

/** What the sign-up records about consent to share, as the referral form says it. */
const CONSENT_STATE_WORDS: Record<SharingState, string> = {
  given: 'They agreed to their information being shared with partner agencies',
  refused: 'They did not agree to their information being shared with partner agencies',
  withdrawn: 'They withdrew their consent to their information being shared with partner agencies',
  not_asked: 'They have not been asked yet whether their information may be shared',
  not_recorded: 'Whether their information may be shared is not recorded',
};

/**
 * The "Make a referral" form's choices: the needs, the directory's active services (only those
 * meeting `need` when one is chosen, and the one already chosen), and the sign-up's own consent.
 */
export async function referralFormView(ctx: SignedInCtx, episodeId: string, values: Record<string, unknown>, need: string | undefined) {
  const [needItems, filterItems, services, answering, consent] = await Promise.all([
    choiceItems(ctx, 'need_domain', values.needDomain, 'Choose a need'),
    choiceItems(ctx, 'need_domain', need, 'Every need'),
    searchDirectory(ctx, { needDomain: need || undefined }),
    answeringOrganisations(ctx),
    sharingConsentOf(ctx, episodeId),
  ]);
  const chosen = typeof values.serviceId === 'string' ? values.serviceId : '';
  const shown = chosen && !services.some((s) => s.id === chosen) ? [...services, ...(await searchDirectory(ctx, {})).filter((s) => s.id === chosen)] : services;
  return {
    ...referralFormItems(values),
    needItems,
    filterItems,
    filterNeed: need ?? '',
    serviceItems: [
      { value: '', text: shown.length ? 'Choose a service' : 'No service in the directory meets this need' },
      ...shown.map((s) => ({ value: s.id, text: `${s.organisationName}: ${s.name}${answering.has(s.organisationId) ? ' (answers in Throughcare)' : ''}`, selected: s.id === chosen })),
    ],
    signUpConsent: { ...consent, text: `${CONSENT_STATE_WORDS[consent.state]}${consent.on ? ` (${formatCalendarDate(consent.on)})` : ''}.` },
  };
}
