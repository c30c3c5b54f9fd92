import type { Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

/** migrations/0017_second_factor.sql: a user's TOTP secret and their recovery codes (hashed). */
export interface SecondFactorTable {
  /** Taken from the user's row when not given (a trigger). */
  programme_id: Generated<string>;
  user_id: string;
  secret: string;
  confirmed_at: Date | null;
  last_used_step: number | null;
  created_at: CreatedAt;
}

export interface RecoveryCodeTable {
  /** Taken from the user's row when not given (a trigger). */
  programme_id: Generated<string>;
  id: Generated<number>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
  created_at: CreatedAt;
}
