import type { ChoiceList } from '../../db/schema.ts';

type FamilyList = Extract<ChoiceList, `family_${string}`>;

/** The family support lists a programme starts with (migration 0029 gives them to existing programmes). */
export const FAMILY_LISTS: Record<FamilyList, [code: string, label: string][]> = {
  family_support_type: [
    ['housing', 'Housing'],
    ['domestic_abuse', 'Domestic abuse'],
    ['caring', 'Caring responsibilities'],
    ['money', 'Benefits and money'],
    ['education', 'Education'],
    ['emotional', 'Emotional support'],
    ['prison_visits', 'Prison visits and contact'],
  ],
  family_referral_source: [
    ['life_coach', 'Life coach'],
    ['prison', 'Prison'],
    ['agency', 'Another agency'],
    ['self', 'Self-referral'],
  ],
  family_closure_reason: [
    ['support_completed', 'Support completed'],
    ['declined', 'Family declined support'],
    ['not_contactable', 'Could not be contacted'],
    ['moved_away', 'Moved out of the area'],
    ['referred_on', 'Referred to another service'],
    ['other', 'Other'],
  ],
  family_relationship: [
    ['partner', 'Partner or spouse'],
    ['parent', 'Parent'],
    ['child', 'Child'],
    ['sibling', 'Brother or sister'],
    ['grandparent', 'Grandparent'],
    ['carer', 'Carer or guardian'],
    ['other', 'Other relative or household member'],
  ],
};

/** What each family support list is for, on the settings page. */
export const FAMILY_LIST_TITLES: Record<FamilyList, { title: string; description: string }> = {
  family_support_type: { title: 'Family support types', description: 'The kinds of support family support co-ordinators give families' },
  family_referral_source: { title: 'Family referral sources', description: 'Who referred a family to family support' },
  family_closure_reason: { title: 'Family support closure reasons', description: 'Why family support for a referral ended' },
  family_relationship: { title: 'Family relationships', description: 'How a family member is related to the client' },
};
