import { sql } from 'kysely';
import { authorize } from '../../http/access.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { Action, Resource } from '../auth/policy.ts';
import { STAFF_ROLES, type Role } from '../auth/roles.ts';

/** A member of the programme's staff, as their staff record names them. */
export interface StaffMember {
  id: string;
  programmeId: string;
  name: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  active: boolean;
  /** The day their account was created, in the programme's time zone (when "never supervised" starts). */
  createdOn: string;
}

/** The policy's view of a member of staff. */
export const staffResource = (member: Pick<StaffMember, 'id' | 'programmeId' | 'teamId'>): Resource => ({ kind: 'staff', id: member.id, programmeId: member.programmeId, teamId: member.teamId });

/** The staff of the actor's programme (partner agencies' users are not staff), with their team, as `u` and `t`: every list and look-up of staff starts here. */
export function selectStaff(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select([
      'u.id',
      'u.programme_id as programmeId',
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

/**
 * A member of staff of the actor's programme, before any policy check (for a caller that asks policy
 * about another record, as supervision asks about a session). Partner agencies' users are not staff: not found.
 */
export async function findStaffMember(ctx: SignedInCtx, userId: string): Promise<StaffMember> {
  const member = await selectStaff(ctx).where('u.id', '=', userId).executeTakeFirst();
  if (!member) throw new NotFoundError();
  return member;
}

/** A member of staff of the actor's programme, for someone the policy lets do `action` with them (refused and audited otherwise). */
export async function staffMember(ctx: SignedInCtx, userId: string, action: Action): Promise<StaffMember> {
  const member = await findStaffMember(ctx, userId);
  await authorize(ctx, action, staffResource(member));
  return member;
}
