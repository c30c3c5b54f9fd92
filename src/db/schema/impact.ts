import type { ColumnType, Generated } from 'kysely';
import type { CorrectableColumns, CreatedAt, ImportId, UpdatedAt } from './columns.ts';

// Impact evidence (migration 0008): outcomes and the framework that says what they count as,
// employment, and distance travelled.

export const OUTCOME_CATEGORIES = [
  'employment',
  'training',
  'education',
  'volunteering',
  'accommodation',
  'health',
  'addiction',
  'benefits',
  'debt',
  'family',
  'other',
] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

/** What an entry of the outcome_type list counts as. */
export interface OutcomeTypeRuleTable {
  programme_id: string;
  code: string;
  code_list: ColumnType<'outcome_type', never, never>;
  category: OutcomeCategory;
  hard: boolean;
  need_domain: string | null;
  need_domain_list: ColumnType<'need_domain', never, never>;
  evidence_kind: string | null;
  evidence_kind_list: ColumnType<'evidence_kind', never, never>;
  must_verify: boolean;
  version: Generated<number>;
  updated_at: Generated<UpdatedAt>;
}

export type Verification = 'unverified' | 'verified' | 'rejected';

export interface OutcomeTable extends CorrectableColumns {
  id: Generated<string>;
  programme_id: string;
  episode_id: string;
  outcome_type: string;
  outcome_type_list: ColumnType<'outcome_type', never, never>;
  achieved_on: string;
  detail: string | null;
  evidence_kind: string | null;
  evidence_kind_list: ColumnType<'evidence_kind', never, never>;
  evidence_reference: string | null;
  verification: Generated<Verification>;
  verified_by: string | null;
  verified_at: Date | null;
  rejection_reason: string | null;
  /** Who recorded it. */
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface EvidenceFileTable {
  programme_id: string;
  id: Generated<string>;
  outcome_id: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: CreatedAt;
}

export type EmployabilityActivityKind = 'cv' | 'application' | 'interview' | 'course' | 'work_placement' | 'other';

export interface EmployabilityActivityTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  kind: EmployabilityActivityKind;
  started_on: string;
  ended_on: string | null;
  detail: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type ContractType = 'permanent' | 'fixed_term' | 'temporary' | 'zero_hours' | 'self_employed' | 'apprenticeship';

export interface JobStartTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  employer: string;
  job_title: string;
  /** numeric(4,1), read as a number (src/db/connect.ts). */
  hours_per_week: ColumnType<number, number | string, number | string>;
  contract_type: ContractType;
  started_on: string;
  /** The "job start" outcome it recorded. */
  outcome_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface InWorkCheckTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  job_start_id: string;
  episode_id: string;
  /** The check this is: so many weeks after the job start (programme.in_work_check_weeks). */
  check_week: number;
  checked_on: string;
  in_work: boolean;
  left_on: string | null;
  left_reason: string | null;
  /** The "sustained job" outcome it recorded, when still in work. */
  outcome_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type TrainingStatus = 'started' | 'completed' | 'left';

export interface TrainingPlaceTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  kind: 'training' | 'education';
  provider: string;
  course: string;
  started_on: string;
  status: Generated<TrainingStatus>;
  ended_on: string | null;
  left_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export type SelfReportedReoffending = 'no' | 'yes' | 'prefers_not_to_say';

export interface DistanceReadingTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  read_on: string;
  worker_id: string;
  reoffending: SelfReportedReoffending;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DistanceScoreTable {
  programme_id: string;
  reading_id: string;
  area: string;
  area_list: ColumnType<'distance_area', never, never>;
  client_score: number;
  worker_score: number | null;
}
