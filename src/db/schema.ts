import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables as the query layer sees them. Calendar dates are strings ('YYYY-MM-DD'),
 * moments are Date objects, counts (int8) are numbers: src/db/connect.ts sets those parsers
 * for both drivers.
 */
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** The import that created a record (imports set it; undoing the import removes the record). */
type ImportId = ColumnType<string | null, string | null | undefined, never>;

export interface ProgrammeTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  eligibility_min_months: Generated<number>;
  eligibility_max_months: Generated<number>;
  no_contact_days: Generated<number>;
  created_at: CreatedAt;
}

interface ReferenceColumns {
  id: Generated<string>;
  programme_id: string;
  name: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export type AreaTable = ReferenceColumns;
export interface LocalAuthorityTable extends ReferenceColumns {
  area_id: string;
}
export interface PrisonTable extends ReferenceColumns {
  code: string | null;
}
export interface TeamTable extends ReferenceColumns {
  area_id: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  programme_id: string;
  email: string;
  display_name: string;
  role: string;
  team_id: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  last_signed_in_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export interface UserSessionTable {
  token_hash: string;
  programme_id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  flash: unknown;
}

export interface ApiTokenTable {
  id: Generated<string>;
  programme_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SignInFailureTable {
  id: Generated<number>;
  address: string;
  user_id: string | null;
  occurred_at: Generated<Date>;
}

export interface AuditEventTable {
  id: Generated<number>;
  programme_id: string | null;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  address: string | null;
  request_id: string | null;
  detail: unknown;
}

export type ChoiceList = 'need_domain' | 'contact_type' | 'non_engagement_reason' | 'closure_reason' | 'liberation_type' | 'gender' | 'outcome_type';

export interface ChoiceTable {
  id: Generated<string>;
  programme_id: string;
  list: ChoiceList;
  code: string;
  label: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export interface PersonTable {
  id: Generated<string>;
  programme_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  gender: string | null;
  local_authority_id: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  risk_to_staff: Generated<boolean>;
  risk_note: string | null;
  team_id: string | null;
  merged_into: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
  import_id: ImportId;
}

export interface PersonNameTable {
  id: Generated<string>;
  programme_id: string;
  person_id: string;
  first_name: string;
  last_name: string;
  is_alias: Generated<boolean>;
  search_key: string;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface PrisonNumberTable {
  id: Generated<string>;
  programme_id: string;
  person_id: string;
  number: string;
  created_at: CreatedAt;
  import_id: ImportId;
}

export type GateStatus = 'planned' | 'met' | 'declined' | 'missed';

export interface EpisodeTable {
  id: Generated<string>;
  programme_id: string;
  person_id: string;
  prison_id: string;
  prison_number: string | null;
  sentence_months: number;
  sentenced_on: string | null;
  expected_liberation_on: string | null;
  previous_sentences: Generated<number>;
  signed_up_on: string;
  eligibility_override_reason: string | null;
  eligibility_override_by: string | null;
  team_id: string | null;
  liberated_on: string | null;
  liberation_type: string | null;
  gate_status: GateStatus | null;
  gate_notes: string | null;
  non_engagement_reason: string | null;
  non_engagement_note: string | null;
  closed_on: string | null;
  closure_reason: string | null;
  closure_note: string | null;
  /** Kept by database triggers (engagement, last contact, visit count): read, never written. */
  first_contact_on: ColumnType<string | null, never, never>;
  last_contact_on: ColumnType<string | null, never, never>;
  pre_release_visits: ColumnType<number, never, never>;
  /** first_contact_on is not null: the engagement definition's answer, stored (a generated column). */
  engaged: ColumnType<boolean, never, never>;
  /** The person's gender and date of birth, copied by database triggers for the reports: read, never written. */
  person_gender: ColumnType<string | null, never, never>;
  person_date_of_birth: ColumnType<string | null, never, never>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
  import_id: ImportId;
}

/** What a record people enter carries to be corrected (versioned) or marked entered in error (then kept, and counted nowhere). */
interface CorrectableColumns {
  version: Generated<number>;
  updated_at: Generated<UpdatedAt>;
  updated_by: string | null;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}

export interface PreReleaseVisitTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  /** Not known for visits imported from a spreadsheet that counted them without dates. */
  visited_on: string | null;
  worker_id: string | null;
  place: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
  updated_by: string | null;
}

export interface DayOneAppointmentTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  appointment_on: string;
  appointment_time: string | null;
  agency: string;
  purpose: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
}

export type ContactOutcome = 'happened' | 'no_answer' | 'did_not_attend';
export type HelpGiven = 'accompanied' | 'advocated' | 'signposted';

export interface ContactTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  contact_on: string;
  contact_time: string | null;
  contact_type: string;
  outcome: ContactOutcome;
  help_given: ColumnType<string[], string[] | undefined, string[]>;
  duration_minutes: number | null;
  worker_id: string | null;
  place: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
  updated_by: string | null;
}

/** A view: the one definition of engagement (see migrations/0002_client_journey.sql). */
export interface EpisodeEngagementView {
  episode_id: string;
  programme_id: string;
  first_contact_on: string | null;
  engaged: boolean;
  last_contact_on: string | null;
}

export type NeedStatus = 'not_started' | 'in_progress' | 'met' | 'declined' | 'not_required';

export interface NeedTable {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  domain: string;
  identified: Generated<boolean>;
  status: Generated<NeedStatus>;
  notes: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export interface NeedStatusChangeTable {
  id: Generated<number>;
  programme_id: string;
  need_id: string;
  status: NeedStatus;
  changed_by: string | null;
  changed_at: Generated<Date>;
  note: string | null;
}

/** A dated needs assessment: the first of a sign-up is its baseline, later ones are reviews. */
export interface AssessmentTable {
  id: Generated<string>;
  episode_id: string;
  programme_id: string;
  assessed_on: string;
  assessed_by: string | null;
  months_out_of_work: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

/** A domain in which an assessment found a need, and the need's status then. */
export interface AssessmentNeedTable {
  programme_id: string;
  assessment_id: string;
  episode_id: string;
  domain: string;
  status: NeedStatus;
}

export type ActionStatus = 'open' | 'done' | 'dropped';

export interface PlanActionTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  domain: string;
  goal: string;
  action: string;
  owner_text: string | null;
  due_on: string | null;
  status: Generated<ActionStatus>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
}

/** The parts a worker can play in a sign-up (a code list the migrations keep). */
export interface AssignmentPartTable {
  code: string;
  label: string;
  worker_role: string;
  sort_order: number;
}

/** Who works with a sign-up, in which part, from when to when; a change ends one row and starts another. */
export interface AssignmentTable {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  worker_id: string;
  part: string;
  from_on: string;
  to_on: string | null;
  assigned_by: string | null;
  reason: string | null;
  ended_by: string | null;
  end_reason: string | null;
  ended_at: Date | null;
  import_id: ImportId;
  created_at: CreatedAt;
}

/** A view: each link between a person and a team or a currently assigned worker (who may see them). */
export interface PersonLinkView {
  programme_id: string;
  person_id: string;
  team_id: string | null;
  worker_id: string | null;
}

export type CorrectableRecord = 'contact' | 'pre_release_visit' | 'day_one_appointment' | 'plan_action';

/** What a correction or an "entered in error" replaced: append-only. */
export interface RecordChangeTable {
  programme_id: string;
  id: Generated<string>;
  record_type: CorrectableRecord;
  record_id: string;
  episode_id: string;
  version: number;
  kind: 'corrected' | 'entered_in_error';
  previous: unknown;
  reason: string | null;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface PersonMergeTable {
  id: Generated<string>;
  programme_id: string;
  kept_person_id: string;
  merged_person_id: string;
  moved: unknown;
  merged_by: string;
  merged_at: Generated<Date>;
  undone_by: string | null;
  undone_at: Date | null;
}

export type RowKind = 'sign_ups' | 'visits' | 'contacts' | 'outcomes' | 'custody_returns';
export type ImportStatus = 'draft' | 'imported' | 'undone';

export interface ImportBatchTable {
  id: Generated<string>;
  programme_id: string;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  content: Buffer | null;
  sheet: string | null;
  header_row: number | null;
  headers: Generated<(string | null)[]>;
  row_kind: RowKind | null;
  columns: Generated<Record<string, number>>;
  value_map: Generated<Record<string, Record<string, string>>>;
  decisions: Generated<Record<string, string>>;
  status: Generated<ImportStatus>;
  check_report: unknown;
  counts: Record<string, number> | null;
  failure: string | null;
  uploaded_by: string;
  created_at: CreatedAt;
  imported_by: string | null;
  imported_at: Date | null;
  undone_by: string | null;
  undone_at: Date | null;
  version: Generated<number>;
}

export interface ImportMappingTable {
  programme_id: string;
  row_kind: RowKind;
  columns: Record<string, string>;
  value_map: Record<string, Record<string, string>>;
  updated_at: Generated<UpdatedAt>;
}

export interface OutcomeTable {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  outcome_type: string;
  achieved_on: string;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface CustodyReturnTable {
  id: Generated<string>;
  programme_id: string;
  person_id: string;
  /** The sign-up whose liberation this return follows (null when the person had no liberation before it). */
  episode_id: string | null;
  admitted_on: string | null;
  checked_on: string;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface Database {
  programme: ProgrammeTable;
  area: AreaTable;
  local_authority: LocalAuthorityTable;
  prison: PrisonTable;
  team: TeamTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  sign_in_failure: SignInFailureTable;
  audit_event: AuditEventTable;
  choice: ChoiceTable;
  person: PersonTable;
  person_name: PersonNameTable;
  prison_number: PrisonNumberTable;
  episode: EpisodeTable;
  pre_release_visit: PreReleaseVisitTable;
  day_one_appointment: DayOneAppointmentTable;
  contact: ContactTable;
  episode_engagement: EpisodeEngagementView;
  need: NeedTable;
  need_status_change: NeedStatusChangeTable;
  assessment: AssessmentTable;
  assessment_need: AssessmentNeedTable;
  plan_action: PlanActionTable;
  assignment_part: AssignmentPartTable;
  assignment: AssignmentTable;
  person_link: PersonLinkView;
  record_change: RecordChangeTable;
  person_merge: PersonMergeTable;
  import_batch: ImportBatchTable;
  import_mapping: ImportMappingTable;
  outcome: OutcomeTable;
  custody_return: CustodyReturnTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
