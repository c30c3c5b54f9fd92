import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

// Funder returns: templates and the returns produced from them, stored as they were (migration 0032).

export type FunderPeriodKind = 'financial_quarter' | 'financial_year' | 'month';

export interface FunderTemplateTable {
  programme_id: string;
  id: Generated<string>;
  name: string;
  funder: string;
  period_kind: FunderPeriodKind;
  /** Codes of the figure catalogue (src/modules/funder-returns/figures.ts), in the return's order. */
  figures: string[];
  /** Age band codes funded (reports/bands.ts); empty: any age. */
  age_bands: Generated<string[]>;
  /** Sentence lengths funded, in months (numeric: read as strings); null: no limit. */
  sentence_min_months: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  sentence_max_months: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
  updated_at: Generated<UpdatedAt>;
  updated_by: string | null;
}

export interface FunderTemplatePrisonTable {
  programme_id: string;
  template_id: string;
  prison_id: string;
}

export interface FunderTemplateAreaTable {
  programme_id: string;
  template_id: string;
  area_id: string;
}

/** A return as it was produced: never updated (a trigger refuses it). */
export interface FunderReturnTable {
  programme_id: string;
  id: Generated<string>;
  template_id: string;
  period_from: string;
  period_to: string;
  period_label: string;
  produced_at: Generated<Date>;
  produced_by: string;
  previous_id: string | null;
  reason: string | null;
  /** What the template funded and asked for then (funder-returns module's StoredScope), as JSON. */
  scope: ColumnType<unknown, string, never>;
  /** Every figure as computed (funder-returns module's StoredFigure[]), as JSON. */
  figures: ColumnType<unknown, string, never>;
  /** For a return that follows another: what changed in the records it counts since then, as JSON. */
  changes: ColumnType<unknown, string | null, never>;
}
