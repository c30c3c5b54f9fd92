import type { Generated } from 'kysely';
import type { CreatedAt, UpdatedAt, ImportId } from './columns.ts';

// Imports, and the outcomes and returns to custody that spreadsheets bring.

export type RowKind = 'sign_ups' | 'visits' | 'contacts' | 'outcomes' | 'custody_returns' | 'family_referrals' | 'family_members' | 'family_support';
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
  /** The date a return-to-custody extract was taken: people in it are followed up to this day. */
  as_at: string | null;
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
  /** The user chose to import the rows that passed and leave out the rows with problems (migration 0024). */
  leave_out: Generated<boolean>;
}

/** A row an import left out, as the file had it, and why (migration 0024). */
export interface ImportLeftOutRowTable {
  programme_id: string;
  import_id: string;
  row_number: number;
  cells: (string | null)[];
  reasons: { column: string | null; message: string }[];
}

export interface ImportMappingTable {
  programme_id: string;
  row_kind: RowKind;
  columns: Record<string, string>;
  value_map: Record<string, Record<string, string>>;
  updated_at: Generated<UpdatedAt>;
}

export interface CustodyReturnTable {
  id: Generated<string>;
  programme_id: string;
  person_id: string;
  /** The sign-up whose liberation this return follows (null when the person had no liberation before it). */
  episode_id: string | null;
  admitted_on: string | null;
  /** The date the extract was taken ("as at"): the person was followed up to this day. */
  checked_on: string;
  created_by: string | null;
  created_at: CreatedAt;
  import_id: ImportId;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}
