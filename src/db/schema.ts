import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables as the query layer sees them. Calendar dates are strings ('YYYY-MM-DD'),
 * moments are Date objects, counts (int8) are numbers: src/db/connect.ts sets those parsers
 * for both drivers.
 */
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export interface ProgrammeTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: Generated<string>;
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
}

export interface Database {
  programme: ProgrammeTable;
  area: AreaTable;
  local_authority: LocalAuthorityTable;
  prison: PrisonTable;
  team: TeamTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  sign_in_failure: SignInFailureTable;
  audit_event: AuditEventTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
export type AuditEvent = Selectable<AuditEventTable>;
