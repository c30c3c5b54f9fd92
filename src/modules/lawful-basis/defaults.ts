/**
 * The lists a sign-up's lawful basis is chosen from, as every programme starts with them (migration
 * 0021 gave existing programmes the same): UK GDPR Article 6 lawful bases, and the conditions for
 * criminal-offence data and health data (UK DPA 2018 Schedule 1; Article 9(2)(a) for explicit
 * consent, which is not in Schedule 1). Administrators choose which are offered in the settings.
 */
export const LAWFUL_BASIS_LISTS = {
  lawful_basis: [
    ['public_task', 'Public task (UK GDPR Article 6(1)(e))'],
    ['legitimate_interests', 'Legitimate interests (UK GDPR Article 6(1)(f))'],
    ['consent', 'Consent (UK GDPR Article 6(1)(a))'],
    ['legal_obligation', 'Legal obligation (UK GDPR Article 6(1)(c))'],
    ['vital_interests', 'Vital interests (UK GDPR Article 6(1)(d))'],
    ['contract', 'Contract (UK GDPR Article 6(1)(b))'],
  ],
  offence_data_condition: [
    ['statutory_purposes', 'Statutory and government purposes (DPA 2018 Schedule 1, Part 2, paragraph 6)'],
    ['preventing_crime', 'Preventing or detecting unlawful acts (Schedule 1, Part 2, paragraph 10)'],
    ['safeguarding', 'Safeguarding of children and individuals at risk (Schedule 1, Part 2, paragraph 18)'],
    ['health_social_care', 'Health or social care purposes (Schedule 1, Part 1, paragraph 2)'],
    ['consent', 'Consent (Schedule 1, Part 3, paragraph 29)'],
  ],
  health_data_condition: [
    ['health_social_care', 'Health or social care purposes (DPA 2018 Schedule 1, Part 1, paragraph 2)'],
    ['statutory_purposes', 'Statutory and government purposes (Schedule 1, Part 2, paragraph 6)'],
    ['safeguarding', 'Safeguarding of children and individuals at risk (Schedule 1, Part 2, paragraph 18)'],
    ['explicit_consent', 'Explicit consent (UK GDPR Article 9(2)(a))'],
  ],
} satisfies Record<string, [code: string, label: string][]>;

/** The lists as the settings page describes them. */
export const LAWFUL_BASIS_LIST_TITLES = {
  lawful_basis: { title: 'Lawful bases', description: 'The UK GDPR Article 6 lawful bases offered when someone is signed up' },
  offence_data_condition: { title: 'Conditions for offence data', description: 'The DPA 2018 Schedule 1 conditions offered for holding criminal-offence data' },
  health_data_condition: { title: 'Conditions for health data', description: 'The conditions offered for holding health data (DPA 2018 Schedule 1, or explicit consent)' },
};
