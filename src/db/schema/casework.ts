import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, ImportId, CorrectableColumns } from './columns.ts';

// Sign-ups and the work recorded on them: visits, appointments, contacts, needs, plans, assignments, corrections.

export type GateStatus = 'planned' | 'met' | 'declined' | 'missed';

/** Consent to share with partner agencies, as asked at sign-up (migration 0021). */
export type SharingConsent = 'given' | 'refused' | 'not_asked';

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
  /** Lawful basis and privacy (migration 0021): null is "not recorded" (older and imported sign-ups). */
  privacy_notice_on: string | null;
  lawful_basis: string | null;
  offence_data_condition: string | null;
  health_data_condition: string | null;
  lawful_basis_on: string | null;
  sharing_consent: SharingConsent | null;
  sharing_consent_on: string | null;
  sharing_consent_withdrawn_on: string | null;
  /** Kept by database triggers (engagement, last contact, visit count): read, never written. */
  first_contact_on: ColumnType<string | null, never, never>;
  last_contact_on: ColumnType<string | null, never, never>;
  pre_release_visits: ColumnType<number, never, never>;
  /** Kept by the database from the prison service's extracts (migration 0011): the latest extract date the person is in, and the first admission after this liberation. */
  followed_to: ColumnType<string | null, never, never>;
  returned_on: ColumnType<string | null, never, never>;
  /** first_contact_on is not null: the engagement definition's answer, stored (a generated column). */
  engaged: ColumnType<boolean, never, never>;
  /** The person's gender and date of birth for the reports: copied by database triggers, or given by an import for the people it creates and checked (migration 0036). */
  person_gender: ColumnType<string | null, string | null | undefined, never>;
  person_date_of_birth: ColumnType<string | null, string | null | undefined, never>;
  /** Kept by the database (migration 0014): the baseline (first) assessment's months out of work and need domains (null: no assessment). */
  baseline_months_out_of_work: ColumnType<number | null, never, never>;
  baseline_needs: ColumnType<string[] | null, never, never>;
  /** Kept by the database (migration 0014): the date of the person's previous sign-up (by date, then id). */
  previous_signed_up_on: ColumnType<string | null, never, never>;
  /** Kept by the database (migration 0016): the date of the person's latest earlier engaged sign-up. */
  previous_engaged_on: ColumnType<string | null, never, never>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
  import_id: ImportId;
  /** The import whose later sign-up closed this one (migration 0023): undoing it reopens this sign-up. */
  closed_by_import_id: Generated<string | null>;
  /** A prison life coach named in an imported file and matched to no user, as the file wrote them (migration 0023). */
  prison_coach_name: Generated<string | null>;
}

export interface PreReleaseVisitTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  /** Not known for visits imported from a spreadsheet that counted them without dates. */
  visited_on: string | null;
  worker_id: string | null;
  /** A worker named in an imported file and matched to no user (migration 0023). */
  worker_name: Generated<string | null>;
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
  /** The directory's service, when the agency was chosen from it (migration 0026). */
  service_id: Generated<string | null>;
  purpose: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_by: string | null;
}

export type AppointmentPlace = 'gate' | 'agency' | 'home' | 'prison' | 'office' | 'phone' | 'elsewhere';
export type AppointmentStatus = 'planned' | 'kept' | 'cancelled' | 'missed';

/** Work planned ahead with a client: in the worker's diary until kept (a contact recorded), cancelled or missed. */
export interface AppointmentTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  worker_id: string;
  planned_on: string;
  planned_time: string | null;
  place: AppointmentPlace;
  with_whom: string | null;
  purpose: string | null;
  status: Generated<AppointmentStatus>;
  status_reason: string | null;
  contact_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
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
  /** A worker named in an imported file and matched to no user (migration 0023). */
  worker_name: Generated<string | null>;
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
  /** Whether the sign-up is open, kept by triggers from episode.closed_on (migration 0022). */
  sign_up_open: Generated<boolean>;
}

/** A day's sign-ups by one value of one thing the engagement report groups by (kept by the database, migration 0014). */
export interface EngagementRollupTable {
  programme_id: string;
  signed_up_on: string;
  dimension: 'total' | 'gender' | 'age' | 'sentence' | 'previous' | 'reason' | 'visits' | 'assessed' | 'need' | 'work';
  /** The raw value ('' where none is recorded): an age in years, a number of months... */
  value: string;
  sign_ups: number;
  engaged: number;
  gate_met: number;
}

/** The same counts by month (migration 0015): `month` is its first day. */
export interface EngagementRollupMonthTable extends Omit<EngagementRollupTable, 'signed_up_on'> {
  month: string;
}

export type CorrectableRecord =
  | 'contact'
  | 'pre_release_visit'
  | 'day_one_appointment'
  | 'plan_action'
  | 'outcome'
  | 'employability_activity'
  | 'job_start'
  | 'in_work_check'
  | 'training_place'
  | 'distance_reading'
  | 'appointment';

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
