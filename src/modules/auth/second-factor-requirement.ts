import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { STAFF_ROLES, type Role } from './roles.ts';

/**
 * Who must use a second factor: every member of the programme's staff (administrators, team leaders,
 * managers, analysts and every caseworker who reads client records), when the programme requires
 * it. Partner agency users read no client records (auth/policy.ts), so may set one up but need not;
 * anyone may set one up from their account page, and then always uses it.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = STAFF_ROLES;

/** A programme's setting: true or false as its administrators chose, or null to follow the environment. */
export const programmeRequires = (setting: boolean | null, byDefault: boolean): boolean => setting ?? byDefault;

export async function programmeSetting(db: Kysely<Database>, programmeId: string): Promise<boolean | null> {
  const row = await db.selectFrom('programme').select('second_factor_required').where('id', '=', programmeId).executeTakeFirstOrThrow();
  return row.second_factor_required;
}

/** Whether this user must have a second factor. */
export async function secondFactorRequired(props: { db: Kysely<Database>; programmeId: string; role: string; byDefault: boolean }): Promise<boolean> {
  if (!SECOND_FACTOR_ROLES.includes(props.role as Role)) return false;
  return programmeRequires(await programmeSetting(props.db, props.programmeId), props.byDefault);
}

/**
 * Who must use a second factor, and whether a user has one: asked by sign-in and the account page
 * here, and by the second-factor pages (src/modules/second-factor), which depend on auth, not the
 * other way round.
 */

/** Whether the user has set up a second factor (confirmed it with a code). */
export async function hasSecondFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('second_factor').select('user_id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}

/** After a right password: does signing in wait for a second factor (to give, or to set up)? */
export async function secondFactorNeeded(props: {
  db: Kysely<Database>;
  user: { id: string; programme_id: string; role: string };
  byDefault: boolean;
}): Promise<boolean> {
  const { db, user } = props;
  if (await hasSecondFactor(db, user.id)) return true;
  return secondFactorRequired({ db, programmeId: user.programme_id, role: user.role, byDefault: props.byDefault });
}

export interface SecondFactorStatus {
  enrolled: boolean;
  recoveryCodesLeft: number;
}

/** What the account page says of the user's second factor. */
export async function secondFactorStatus(db: Kysely<Database>, userId: string): Promise<SecondFactorStatus> {
  const codes = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enrolled: await hasSecondFactor(db, userId), recoveryCodesLeft: Number(codes.left) };
}
