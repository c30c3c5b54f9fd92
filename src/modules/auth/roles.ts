/** The roles of product.md, with the names people see. */
export const ROLE_NAMES = {
  prison_life_coach: 'Prison life coach',
  community_life_coach: 'Community life coach',
  employment_consultant: 'Employment consultant',
  family_support_coordinator: 'Family support co-ordinator',
  team_leader: 'Team leader',
  manager: 'Manager',
  analyst: 'Analyst',
  partner_agency: 'Partner agency user',
  administrator: 'Administrator',
} as const;

export type Role = keyof typeof ROLE_NAMES;

/** A role's name as people see it; a code that is not a role, as it is. */
export const roleName = (role: string): string => ROLE_NAMES[role as Role] ?? role;

export const ROLES = Object.keys(ROLE_NAMES) as [Role, ...Role[]];

/** Roles of the programme's own staff, as opposed to partner agencies' users. */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'partner_agency');

/** The columns actorFromRow reads, from a query joining the user as `u` and their programme as `p`. */
export const ACTOR_COLUMNS = ['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.organisation_id', 'u.display_name', 'p.time_zone'] as const;

/** A user row (joined with its programme's time zone) as the Actor it acts as. */
export function actorFromRow(
  row: { id: string; programme_id: string; role: string; team_id: string | null; organisation_id?: string | null; display_name: string; time_zone: string },
  via: Actor['via'],
): Actor {
  return {
    userId: row.id,
    programmeId: row.programme_id,
    role: row.role as Role,
    teamId: row.team_id,
    organisationId: row.organisation_id ?? null,
    displayName: row.display_name,
    timeZone: row.time_zone,
    via,
  };
}

/** Who is asking: a signed-in user, directly or through one of their API tokens. */
export interface Actor {
  userId: string;
  programmeId: string;
  role: Role;
  teamId: string | null;
  /** A partner agency's user: the organisation whose referrals they answer (null for everyone else). */
  organisationId: string | null;
  displayName: string;
  /** The programme's time zone, for showing moments (Europe/London by default). */
  timeZone: string;
  via: 'session' | 'api-token' | 'command-line';
  /** The API token asking, when via is 'api-token': the audit log names it, and a read token may not change anything. */
  apiToken?: { id: string; name: string; scope: ApiTokenScope };
}

/** What an API token may do: read, or read and change records. */
export type ApiTokenScope = 'read' | 'read-write';
