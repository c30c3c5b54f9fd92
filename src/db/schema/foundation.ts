import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

// Programmes, their reference data, users, sessions, API tokens and the audit log.

export interface ProgrammeTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
  eligibility_min_months: Generated<number>;
  eligibility_max_months: Generated<number>;
  no_contact_days: Generated<number>;
  /** Weeks after a job start at which in-work checks fall due. */
  in_work_check_weeks: Generated<number[]>;
  /** An area of distance travelled has improved when the latest score is at least the first plus this. */
  distance_improvement: Generated<number>;
  /** Days from liberation in which a return to custody counts (the follow-up window). */
  return_window_days: Generated<number>;
  /** The smallest group whose return rate, interval and tests are shown. */
  return_min_group: Generated<number>;
  /** The smallest group for the adjusted comparisons (Cox model, matched comparison). */
  return_min_adjusted_group: Generated<number>;
  /** A sign-up is expected between these many days before the expected liberation (outside: a warning). */
  sign_up_window_min_days: Generated<number>;
  sign_up_window_max_days: Generated<number>;
  /** Whether staff must use a second factor; null follows the environment (on in production). */
  second_factor_required: Generated<boolean | null>;
  /** Weeks between a worker's supervision sessions; later than this, their supervision is overdue (migration 0031). */
  supervision_interval_weeks: Generated<number>;
  /** Days ahead that expiring vetting, prison clearances and training are listed. */
  staff_expiry_warning_days: Generated<number>;
  /** The team comparison marks a team or worker with fewer sign-ups than this as too few to compare. */
  comparison_min_group: Generated<number>;
  created_at: CreatedAt;
}

interface ReferenceColumns {
  id: Generated<string>;
  programme_id: string;
  name: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export type AreaTable = ReferenceColumns;
export interface LocalAuthorityTable extends ReferenceColumns {
  area_id: string;
}
export interface PrisonTable extends ReferenceColumns {
  code: string | null;
}
export interface TeamTable extends ReferenceColumns {
  area_id: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  programme_id: string;
  email: string;
  display_name: string;
  role: string;
  team_id: string | null;
  password_hash: string;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  last_signed_in_at: Date | null;
  /** A partner agency's user: the directory's organisation they answer referrals for (migration 0026). */
  organisation_id: Generated<string | null>;
  /** Whether the user gets an e-mail (a link only) for each notification (migration 0027). */
  email_notifications: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export interface UserSessionTable {
  token_hash: string;
  programme_id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  flash: unknown;
  /** A right password, and the second factor not yet given: only the second-factor pages and sign-out. */
  second_factor_pending: Generated<boolean>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  programme_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** migrations/0018_api_token_owner.sql */
  scope: Generated<'read' | 'read-write'>;
  expires_at: Generated<Date>;
}

export interface SignInFailureTable {
  id: Generated<number>;
  address: string;
  user_id: string | null;
  occurred_at: Generated<Date>;
}

export interface AuditEventTable {
  id: Generated<number>;
  programme_id: string | null;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  address: string | null;
  request_id: string | null;
  detail: unknown;
  /** The API token the event was done with (migrations/0018_api_token_owner.sql). */
  api_token_id: Generated<string | null>;
}

export type ChoiceList = 'need_domain' | 'contact_type' | 'non_engagement_reason' | 'closure_reason' | 'liberation_type' | 'gender' | 'outcome_type' | 'evidence_kind' | 'distance_area'
  | 'lawful_basis' | 'offence_data_condition' | 'health_data_condition'
  | 'family_support_type' | 'family_referral_source' | 'family_closure_reason' | 'family_relationship'
  | 'disclosure_type';

export interface ChoiceTable {
  id: Generated<string>;
  programme_id: string;
  list: ChoiceList;
  code: string;
  label: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<UpdatedAt>;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
