import type { ColumnType, Generated } from 'kysely';

/** Column types every part of the schema shares. */
export type CreatedAt = ColumnType<Date, never, never>;
export type UpdatedAt = ColumnType<Date, never, Date>;
/** The import that created a record (imports set it; undoing the import removes the record). */
export type ImportId = ColumnType<string | null, string | null | undefined, never>;

/** What a record people enter carries to be corrected (versioned) or marked entered in error (then kept, and counted nowhere). */
export interface CorrectableColumns {
  version: Generated<number>;
  updated_at: Generated<UpdatedAt>;
  updated_by: string | null;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}
