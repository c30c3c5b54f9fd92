import type { ColumnType, Generated } from 'kysely';
import type { CorrectableColumns, CreatedAt, ImportId } from './columns.ts';

// Family support: families (households), their members and clients, referrals to family support,
// support given and outcomes for the family (migration 0029).

export type AgeGroup = 'adult' | 'child';

export interface FamilyTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  name: string;
  reference: string | null;
  team_id: string;
  coordinator_id: string | null;
  /** A co-ordinator named in an imported file whom no user matched, as the file wrote them (migration 0030). */
  coordinator_name: string | null;
  safeguarding: Generated<boolean>;
  safeguarding_note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface FamilyMemberTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  family_id: string;
  first_name: string;
  last_name: string | null;
  relationship: string;
  relationship_list: ColumnType<'family_relationship', never, never>;
  date_of_birth: string | null;
  age_group: AgeGroup | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface FamilyClientTable {
  programme_id: string;
  id: Generated<string>;
  family_id: string;
  person_id: string;
  linked_on: string;
  created_by: string | null;
  created_at: CreatedAt;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
  import_id: ImportId;
}

export interface FamilyReferralTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  family_id: string;
  referred_on: string;
  source: string;
  source_list: ColumnType<'family_referral_source', never, never>;
  source_detail: string | null;
  reason: string;
  accepted_on: string | null;
  engaged_on: string | null;
  closed_on: string | null;
  closure_reason: string | null;
  closure_reason_list: ColumnType<'family_closure_reason', never, never>;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface FamilySupportTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  family_id: string;
  support_on: string;
  contact_type: string;
  contact_type_list: ColumnType<'contact_type', never, never>;
  support_types: string[];
  minutes: number | null;
  notes: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}

export interface FamilySupportMemberTable {
  programme_id: string;
  support_id: string;
  member_id: string;
  import_id: ImportId;
}

export interface FamilyOutcomeTable extends CorrectableColumns {
  programme_id: string;
  id: Generated<string>;
  family_id: string;
  outcome_type: string;
  outcome_type_list: ColumnType<'outcome_type', never, never>;
  achieved_on: string;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
}
