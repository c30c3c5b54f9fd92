import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { STAFF_ROLES, type Role } from '../auth/roles.ts';

/** A member of the programme's staff (a partner agency's user is not), as the list of whose supervision is due reads them. */
export interface StaffRow {
  id: string;
  name: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  active: boolean;
  /** The day their account was created, in the programme's time zone: when "never supervised" starts. */
  createdOn: string;
}

/** The staff of the actor's programme with their team and the day their account was created. */
export function selectStaff(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select([
      'u.id',
      'u.display_name as name',
      sql<Role>`u.role`.as('role'),
      'u.team_id as teamId',
      't.name as teamName',
      'u.active',
      sql<string>`(u.created_at at time zone ${ctx.actor.timeZone})::date`.as('createdOn'),
    ])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.role', 'in', [...STAFF_ROLES]);
}
