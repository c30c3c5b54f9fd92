import type { ColumnType, Generated } from 'kysely';

// Retention (migrations/0020): a programme's rules, and the pseudonymised statistics kept of deleted sign-ups.

export type RetainedStatistic = 'period' | 'age_band' | 'gender' | 'prison' | 'engaged' | 'returned' | 'outcomes';

export interface RetentionRuleTable {
  programme_id: string;
  person_years: Generated<number>;
  evidence_months: Generated<number>;
  statistics: Generated<RetainedStatistic[]>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RetainedStatisticTable {
  programme_id: string;
  id: Generated<string>;
  person_pseudonym: string;
  signed_up_month: string | null;
  closed_month: string | null;
  age_band: string | null;
  gender: string | null;
  prison_id: string | null;
  engaged: boolean | null;
  returned_to_custody: boolean | null;
  outcomes: ColumnType<Record<string, number> | null, string | null, string | null>;
}
