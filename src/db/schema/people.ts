import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, ImportId } from './columns.ts';

// People: their records, names, prison numbers, merges, and who they are linked to.

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

/** A view: each link between a person and a team or a currently assigned worker (who may see them). */
export interface PersonLinkView {
  programme_id: string;
  person_id: string;
  team_id: string | null;
  worker_id: string | null;
}
