import type { Kysely } from 'kysely';
import type { ChoiceList, Database } from '../db/schema.ts';
import { FAMILY_LISTS } from '../modules/families/defaults.ts';
import { LAWFUL_BASIS_LISTS } from '../modules/lawful-basis/defaults.ts';
import { STAFF_LISTS } from '../modules/staff/defaults.ts';
import { ensureOutcomeFramework } from './outcome-framework.ts';

/**
 * The lists of the Scottish starter configuration, which the demo programme and any programme created
 * with `--starter scottish` start with (Routes out of Prison's, from the seed documents and the
 * evaluation's recommendations). Administrators change them per programme; reports group by code.
 */
export const DEFAULT_CHOICES: Record<ChoiceList, [code: string, label: string][]> = {
  need_domain: [
    ['accommodation', 'Accommodation'],
    ['finance', 'Finance, benefits and debt'],
    ['health', 'Physical and mental health'],
    ['addiction', 'Addiction'],
    ['family', 'Family and relationships'],
    ['education', 'Education, literacy and numeracy'],
    ['employability', 'Employability'],
  ],
  contact_type: [
    ['face_to_face', 'Face to face'],
    ['phone', 'Phone call'],
    ['text', 'Text message'],
    ['accompanied_appointment', 'Accompanied appointment'],
    ['advocacy', 'Advocacy'],
    ['home_visit', 'Home visit'],
  ],
  non_engagement_reason: [
    ['not_contactable', 'Could not be contacted after release'],
    ['declined', 'Declined support after release'],
    ['returned_to_custody', 'Returned to custody'],
    ['moved_away', 'Moved out of the area'],
    ['support_elsewhere', 'Getting support elsewhere'],
    ['health', 'In hospital or residential treatment'],
    ['died', 'Died'],
    ['other', 'Other reason'],
  ],
  closure_reason: [
    ['support_completed', 'Support completed'],
    ['disengaged', 'Stopped engaging'],
    ['never_engaged', 'Did not engage after release'],
    ['returned_to_custody', 'Returned to custody'],
    ['moved_away', 'Moved out of the area'],
    ['transferred', 'Transferred to another service'],
    ['died', 'Died'],
    ['other', 'Other reason'],
  ],
  liberation_type: [
    ['end_of_sentence', 'End of sentence'],
    ['early', 'Early release'],
    ['from_court', 'Liberated from court'],
    ['transferred', 'Transferred to another prison'],
  ],
  gender: [
    ['male', 'Male'],
    ['female', 'Female'],
    ['other', 'Another gender'],
    ['not_stated', 'Prefers not to say'],
  ],
  outcome_type: [
    ['job_start', 'Job start'],
    ['sustained_job', 'Job sustained'],
    ['training', 'Training'],
    ['education', 'Education'],
    ['volunteering', 'Volunteering'],
    ['accommodation', 'Accommodation'],
    ['health_service', 'Health or addiction service'],
    ['benefits', 'Benefits'],
    ['debt', 'Debt'],
    ['family_contact', 'Family contact restored'],
  ],
  evidence_kind: [
    ['payslip', 'Payslip'],
    ['employer_letter', 'Letter from the employer'],
    ['tenancy_agreement', 'Tenancy agreement'],
    ['enrolment_confirmation', 'Enrolment confirmation'],
    ['award_letter', 'Benefit award letter'],
    ['agency_confirmation', 'Confirmation from the agency'],
  ],
  // The programme's own words for its self-assessment, scored 1 (hardest) to 10 (going well).
  distance_area: [
    ['accommodation', 'Somewhere settled to live'],
    ['living_skills', 'Looking after myself and my home'],
    ['wellbeing', 'Mental health and well-being'],
    ['community', 'Friends and community'],
    ['family', 'Relationships and family'],
    ['drugs_alcohol', 'Drugs and alcohol'],
    ['use_of_time', 'How I spend my time'],
    ['money', 'Managing money'],
    ['work_learning', 'Work and learning'],
    ['crime_free', 'Staying out of trouble'],
  ],
  ...LAWFUL_BASIS_LISTS,
  ...FAMILY_LISTS,
  ...STAFF_LISTS,
};

/** Adds any default list entry (and outcome type rule) the programme does not have yet; leaves administrators' changes alone. */
export async function ensureDefaultChoices(db: Kysely<Database>, programmeId: string): Promise<void> {
  const rows = Object.entries(DEFAULT_CHOICES).flatMap(([list, items]) =>
    items.map(([code, label], index) => ({ programme_id: programmeId, list: list as ChoiceList, code, label, sort_order: index })),
  );
  await db.insertInto('choice').values(rows).onConflict((oc) => oc.columns(['programme_id', 'list', 'code']).doNothing()).execute();
  await ensureOutcomeFramework(db, programmeId);
}
