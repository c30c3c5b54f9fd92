import type { ColumnType, Generated } from 'kysely';
import type { CorrectableColumns, CreatedAt, UpdatedAt } from './columns.ts';

// Staff supervision and staff records: vetting, prison clearances, training and lived experience
// (migration 0031).

export type Wellbeing = 'well' | 'some_concerns' | 'serious_concerns';
export type LivedExperience = 'offending' | 'custody' | 'addiction' | 'other';

/** One supervision session; the supervisor is the user who recorded it. */
export interface SupervisionTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  supervisee_id: string;
  supervisor_id: string;
  held_on: string;
  wellbeing: Wellbeing;
  wellbeing_note: string | null;
  caseload_discussed: boolean;
  caseload_note: string | null;
  actions_agreed: string | null;
  next_on: string | null;
  created_at: CreatedAt;
}

/** Given by the worker only, if they choose; shown only to them and to managers. */
export interface StaffLivedExperienceTable {
  programme_id: string;
  user_id: string;
  experience: LivedExperience[];
  note: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

interface StaffRecordColumns extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  user_id: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface StaffVettingTable extends StaffRecordColumns {
  disclosure_type: string;
  disclosure_type_list: ColumnType<'disclosure_type', never, never>;
  reference: string;
  issued_on: string;
  renew_by: string | null;
}

export interface PrisonClearanceTable extends StaffRecordColumns {
  prison_id: string;
  cleared_on: string;
  expires_on: string;
}

export interface StaffTrainingTable extends StaffRecordColumns {
  course: string;
  completed_on: string;
  expires_on: string | null;
}
