import type { Role } from '../modules/auth/roles.ts';

/**
 * Routes out of Prison as the seed documents describe it (Scottish Government case study, 2011;
 * phase-two evaluation, 2009–2010): seven prisons, four community justice authority areas and the
 * thirteen local authorities clients returned to, and four teams.
 */
export const ROOP = {
  slug: 'roop',
  name: 'Routes out of Prison',
  timeZone: 'Europe/London',
  prisons: ['Barlinnie', 'Cornton Vale', 'Polmont', 'Greenock', 'Dumfries', 'Kilmarnock', 'Addiewell'],
  areas: {
    Glasgow: ['Glasgow City'],
    Lanarkshire: ['North Lanarkshire', 'South Lanarkshire'],
    'North Strathclyde': ['Argyll and Bute', 'East Dunbartonshire', 'West Dunbartonshire', 'East Renfrewshire', 'Renfrewshire', 'Inverclyde'],
    'South West Scotland': ['Dumfries and Galloway', 'East Ayrshire', 'North Ayrshire', 'South Ayrshire'],
  } as Record<string, string[]>,
  teams: { 'Glasgow team': 'Glasgow', 'Lanarkshire team': 'Lanarkshire', 'North Strathclyde team': 'North Strathclyde', 'South West team': 'South West Scotland' } as Record<string, string>,
};

/** One demo user for each role, all made up; they sign in with the demo password. */
export const DEMO_USERS: { role: Role; email: string; displayName: string; team?: string }[] = [
  { role: 'prison_life_coach', email: 'prison.coach@roop.example', displayName: 'Morag Campbell', team: 'Glasgow team' },
  { role: 'community_life_coach', email: 'community.coach@roop.example', displayName: 'Jamie Docherty', team: 'Glasgow team' },
  { role: 'employment_consultant', email: 'employment@roop.example', displayName: 'Priya Sharma', team: 'Glasgow team' },
  { role: 'family_support_coordinator', email: 'family.support@roop.example', displayName: 'Eilidh Fraser', team: 'Glasgow team' },
  { role: 'team_leader', email: 'team.leader@roop.example', displayName: 'Callum Reid', team: 'Glasgow team' },
  { role: 'manager', email: 'manager@roop.example', displayName: 'Fiona MacLeod' },
  { role: 'analyst', email: 'analyst@roop.example', displayName: 'Tom Baird' },
  { role: 'partner_agency', email: 'partner@agency.example', displayName: 'Sam Wilson' },
  { role: 'administrator', email: 'admin@roop.example', displayName: 'Ruth Kerr' },
];
