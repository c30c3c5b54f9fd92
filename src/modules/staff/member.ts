import { authorize } from '../../http/access.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { Action, Resource } from '../auth/policy.ts';
import type { Role } from '../auth/roles.ts';

/** A member of the programme's staff, as their staff record names them. */
export interface StaffMember {
  id: string;
  programmeId: string;
  name: string;
  role: Role;
  teamId: string | null;
  teamName: string | null;
  active: boolean;
}

/** The policy's view of a member of staff. */
export const staffResource = (member: Pick<StaffMember, 'id' | 'programmeId' | 'teamId'>): Resource => ({ kind: 'staff', id: member.id, programmeId: member.programmeId, teamId: member.teamId });

/**
 * A member of staff of the actor's programme, before any policy check (for a caller that asks policy
 * about another record, as supervision asks about a session). Partner agencies' users are not staff: not found.
 */
export async function findStaffMember(ctx: SignedInCtx, userId: string): Promise<StaffMember> {
  const row = await ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (j) => j.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select(['u.id', 'u.programme_id as programmeId', 'u.display_name as name', 'u.role', 'u.team_id as teamId', 't.name as teamName', 'u.active'])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.id', '=', userId)
    .where('u.role', '<>', 'partner_agency')
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { ...row, role: row.role as Role };
}

/** A member of staff of the actor's programme, for someone the policy lets do `action` with them (refused and audited otherwise). */
export async function staffMember(ctx: SignedInCtx, userId: string, action: Action): Promise<StaffMember> {
  const member = await findStaffMember(ctx, userId);
  await authorize(ctx, action, staffResource(member));
  return member;
}
