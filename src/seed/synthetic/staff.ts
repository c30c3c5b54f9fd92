import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hashPassword } from '../../modules/auth/passwords.ts';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from './names.ts';
import { Random } from './random.ts';
import {
  MEAN_SIGN_UPS_PER_PERSON,
  MIN_COACHES_PER_TEAM,
  MIN_CONSULTANTS_PER_TEAM,
  SIGN_UPS_PER_COACH_PER_YEAR,
  SIGN_UPS_PER_CONSULTANT_PER_YEAR,
  YEARS_OF_SIGN_UPS,
} from './shape.ts';

/** The staff of one team that synthetic sign-ups are shared between, and who verifies their outcomes. */
export interface TeamStaff {
  teamId: string;
  prisonCoaches: string[];
  communityCoaches: string[];
  consultants: string[];
  teamLeaders: string[];
}

const COACH_ROLES = { prison: 'prison_life_coach', community: 'community_life_coach' } as const;
const CONSULTANT_ROLE = 'employment_consultant';
const STAFF_ROLES = [COACH_ROLES.prison, COACH_ROLES.community, CONSULTANT_ROLE, 'team_leader'];
const SYNTHETIC_DOMAIN = '@synthetic.example';
export const SYNTHETIC_STAFF_PASSWORD = 'synthetic staff password';

/**
 * Makes sure each team has enough prison and community life coaches and employment consultants for
 * the sign-ups to come (the programme's own, such as the demo users, count and get their share),
 * adding synthetic ones (coach123@synthetic.example, consultant12@synthetic.example) where it has too
 * few. Returns every team's staff (with its team leaders), in email order.
 */
export async function ensureStaff(
  db: Kysely<Database>,
  props: { programmeId: string; teamShares: Map<string, number>; people: number; seed: number },
): Promise<{ staff: Map<string, TeamStaff>; created: number }> {
  const signUpsPerYear = (props.people * MEAN_SIGN_UPS_PER_PERSON) / YEARS_OF_SIGN_UPS;
  const existing = await staffByTeam(db, props.programmeId);
  const random = new Random(props.seed, 'staff');
  const wanted: { teamId: string; role: string }[] = [];
  const want = (teamId: string, role: string, needed: number) => {
    const have = existing.filter((user) => user.team_id === teamId && user.role === role).length;
    for (let i = have; i < needed; i += 1) wanted.push({ teamId, role });
  };
  for (const [teamId, share] of props.teamShares) {
    const needed = Math.max(MIN_COACHES_PER_TEAM, Math.ceil((signUpsPerYear * share) / SIGN_UPS_PER_COACH_PER_YEAR));
    for (const role of Object.values(COACH_ROLES)) want(teamId, role, needed);
  }
  // Consultants after the coaches, so that the coaches' names are those of earlier versions.
  for (const [teamId, share] of props.teamShares) {
    want(teamId, CONSULTANT_ROLE, Math.max(MIN_CONSULTANTS_PER_TEAM, Math.ceil((signUpsPerYear * share) / SIGN_UPS_PER_CONSULTANT_PER_YEAR)));
  }
  if (wanted.length > 0) {
    const passwordHash = await hashPassword(SYNTHETIC_STAFF_PASSWORD);
    const numbers = { coach: await lastSyntheticNumber(db, 'coach'), consultant: await lastSyntheticNumber(db, 'consultant') };
    const email = (role: string) => {
      const prefix = role === CONSULTANT_ROLE ? 'consultant' : 'coach';
      return `${prefix}${(numbers[prefix] += 1)}${SYNTHETIC_DOMAIN}`;
    };
    for (let start = 0; start < wanted.length; start += 500) {
      await db
        .insertInto('app_user')
        .values(
          wanted.slice(start, start + 500).map(({ teamId, role }) => ({
            programme_id: props.programmeId,
            email: email(role),
            display_name: `${random.pick(random.chance(0.5) ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES)} ${random.pick(SURNAMES)}`,
            role,
            team_id: teamId,
            password_hash: passwordHash,
            locked_until: null,
            last_signed_in_at: null,
          })),
        )
        .execute();
    }
  }
  const everyone = await staffByTeam(db, props.programmeId);
  const staff = new Map<string, TeamStaff>();
  for (const teamId of props.teamShares.keys()) {
    const ofTeam = (role: string) => everyone.filter((user) => user.team_id === teamId && user.role === role).map((user) => user.id);
    staff.set(teamId, {
      teamId,
      prisonCoaches: ofTeam(COACH_ROLES.prison),
      communityCoaches: ofTeam(COACH_ROLES.community),
      consultants: ofTeam(CONSULTANT_ROLE),
      teamLeaders: ofTeam('team_leader'),
    });
  }
  return { staff, created: wanted.length };
}

function staffByTeam(db: Kysely<Database>, programmeId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'team_id', 'role'])
    .where('programme_id', '=', programmeId)
    .where('active', '=', true)
    .where('role', 'in', STAFF_ROLES)
    .where('team_id', 'is not', null)
    .orderBy('email')
    .execute();
}

/** Synthetic staff emails are unique across programmes: carry on from the highest number in use. */
async function lastSyntheticNumber(db: Kysely<Database>, prefix: 'coach' | 'consultant'): Promise<number> {
  const rows = await db.selectFrom('app_user').select('email').where('email', 'like', `${prefix}%${SYNTHETIC_DOMAIN}`).execute();
  const number = new RegExp(`^${prefix}(\\d+)@`);
  return rows.reduce((highest, row) => Math.max(highest, Number(number.exec(row.email)?.[1] ?? 0)), 0);
}
