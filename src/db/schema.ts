import type * as agencies from './schema/agencies.ts';
import type * as casework from './schema/casework.ts';
import type * as families from './schema/families.ts';
import type * as foundation from './schema/foundation.ts';
import type * as impact from './schema/impact.ts';
import type * as imports from './schema/imports.ts';
import type * as notifications from './schema/notifications.ts';
import type * as people from './schema/people.ts';
import type * as referrals from './schema/referrals.ts';
import type * as secondFactor from './schema/second-factor.ts';
import type * as retention from './schema/retention.ts';

/**
 * The tables as the query layer sees them, one file per part of the service in schema/. Calendar
 * dates are strings ('YYYY-MM-DD'), moments are Date objects, counts (int8) are numbers:
 * src/db/connect.ts sets those parsers for both drivers.
 */
export type * from './schema/agencies.ts';
export type * from './schema/casework.ts';
export type * from './schema/families.ts';
export type * from './schema/foundation.ts';
export type * from './schema/impact.ts';
export type * from './schema/imports.ts';
export type * from './schema/notifications.ts';
export type * from './schema/people.ts';
export type * from './schema/referrals.ts';
export type * from './schema/retention.ts';

export interface Database {
  programme: foundation.ProgrammeTable;
  area: foundation.AreaTable;
  local_authority: foundation.LocalAuthorityTable;
  prison: foundation.PrisonTable;
  team: foundation.TeamTable;
  app_user: foundation.AppUserTable;
  user_session: foundation.UserSessionTable;
  api_token: foundation.ApiTokenTable;
  sign_in_failure: foundation.SignInFailureTable;
  second_factor: secondFactor.SecondFactorTable;
  recovery_code: secondFactor.RecoveryCodeTable;
  audit_event: foundation.AuditEventTable;
  choice: foundation.ChoiceTable;
  person: people.PersonTable;
  person_name: people.PersonNameTable;
  prison_number: people.PrisonNumberTable;
  episode: casework.EpisodeTable;
  pre_release_visit: casework.PreReleaseVisitTable;
  day_one_appointment: casework.DayOneAppointmentTable;
  contact: casework.ContactTable;
  appointment: casework.AppointmentTable;
  episode_engagement: casework.EpisodeEngagementView;
  engagement_rollup: casework.EngagementRollupTable;
  engagement_rollup_month: casework.EngagementRollupMonthTable;
  need: casework.NeedTable;
  need_status_change: casework.NeedStatusChangeTable;
  assessment: casework.AssessmentTable;
  assessment_need: casework.AssessmentNeedTable;
  plan_action: casework.PlanActionTable;
  assignment_part: casework.AssignmentPartTable;
  assignment: casework.AssignmentTable;
  person_link: people.PersonLinkView;
  record_change: casework.RecordChangeTable;
  person_merge: people.PersonMergeTable;
  import_batch: imports.ImportBatchTable;
  import_mapping: imports.ImportMappingTable;
  import_left_out_row: imports.ImportLeftOutRowTable;
  outcome: impact.OutcomeTable;
  outcome_type_rule: impact.OutcomeTypeRuleTable;
  evidence_file: impact.EvidenceFileTable;
  employability_activity: impact.EmployabilityActivityTable;
  job_start: impact.JobStartTable;
  in_work_check: impact.InWorkCheckTable;
  training_place: impact.TrainingPlaceTable;
  distance_reading: impact.DistanceReadingTable;
  distance_score: impact.DistanceScoreTable;
  custody_return: imports.CustodyReturnTable;
  retention_rule: retention.RetentionRuleTable;
  retained_statistic: retention.RetainedStatisticTable;
  agency_organisation: agencies.AgencyOrganisationTable;
  agency_service: agencies.AgencyServiceTable;
  agency_service_need_domain: agencies.AgencyServiceNeedDomainTable;
  agency_location: agencies.AgencyLocationTable;
  agency_service_at_location: agencies.AgencyServiceAtLocationTable;
  agency_service_area: agencies.AgencyServiceAreaTable;
  agency_contact: agencies.AgencyContactTable;
  agency_phone: agencies.AgencyPhoneTable;
  agency_agreement: agencies.AgencyAgreementTable;
  referral: referrals.ReferralTable;
  referral_event: referrals.ReferralEventTable;
  notification: notifications.NotificationTable;
  family: families.FamilyTable;
  family_member: families.FamilyMemberTable;
  family_client: families.FamilyClientTable;
  family_referral: families.FamilyReferralTable;
  family_support: families.FamilySupportTable;
  family_support_member: families.FamilySupportMemberTable;
  family_outcome: families.FamilyOutcomeTable;
}
