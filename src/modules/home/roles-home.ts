import type { Action } from '../auth/policy.ts';
import type { Role } from '../auth/roles.ts';

/** A link on a home page to a page that exists, shown only to those its action lets in. */
export interface HomeLink {
  text: string;
  href: string;
  action: Action;
}

const MY_CASELOAD: HomeLink = { text: 'My caseload: every client you work with', href: '/caseload', action: 'caseload.read' };
const DIARY: HomeLink = { text: 'Today’s diary', href: '/diary', action: 'caseload.read' };
const LIBERATIONS: HomeLink = {
  text: 'Liberations in the next six weeks and their pre-release visits',
  href: '/caseload/liberations',
  action: 'caseload.read',
};
const GATE: HomeLink = { text: 'Gate meetings this week', href: '/caseload/gate', action: 'caseload.read' };
const NO_CONTACT: HomeLink = { text: 'Clients with no recent contact', href: '/caseload/no-contact', action: 'caseload.read' };
const OVERDUE: HomeLink = { text: 'Overdue actions from plans', href: '/caseload/overdue', action: 'caseload.read' };
const SUPERVISION_DUE: HomeLink = { text: 'Whose supervision is due', href: '/supervision', action: 'supervision.due' };

/**
 * What each role's home page says it is for, and links to the pages of its day's work. Only pages
 * that exist are linked; a piece of work the service does not have a page for yet is not named.
 */
export const HOME_INTRODUCTIONS: Record<Role, { summary: string; today: HomeLink[] }> = {
  prison_life_coach: {
    summary: 'Sign up eligible prisoners four to six weeks before release, visit them, and plan for the gate.',
    today: [MY_CASELOAD, DIARY, LIBERATIONS, GATE],
  },
  community_life_coach: {
    summary: 'Meet clients at the gate and walk with them to the services they need.',
    today: [MY_CASELOAD, DIARY, GATE, NO_CONTACT, OVERDUE],
  },
  employment_consultant: {
    summary: 'Work with clients who are ready for work, training or education.',
    today: [MY_CASELOAD, DIARY],
  },
  family_support_coordinator: {
    summary: 'Support the families of people in prison and after release.',
    today: [
      { text: 'Families you work with', href: '/families?mine=yes', action: 'families.create' },
      { text: 'Your team’s families', href: '/families', action: 'families.read' },
      MY_CASELOAD,
      DIARY,
      { text: 'Family support report', href: '/reports/family-support', action: 'reports.familySupport' },
    ],
  },
  team_leader: {
    summary: "Allocate caseloads and keep watch on your team's work.",
    today: [
      { text: 'Team caseload: move clients between workers', href: '/team/caseload', action: 'caseload.team' },
      { text: 'Unallocated clients', href: '/team/caseload?worker=unallocated', action: 'caseload.team' },
      { text: 'Your team’s vetting, clearances and training expiring', href: '/staff/expiring', action: 'staff.expiring' },
      MY_CASELOAD,
      DIARY,
      SUPERVISION_DUE,
    ],
  },
  manager: {
    summary: "See the programme's figures and prepare returns for funders and partners.",
    today: [
      { text: 'Engagement report', href: '/reports/engagement', action: 'reports.read' },
      { text: 'Outcomes report', href: '/reports/outcomes', action: 'reports.read' },
      { text: 'Return-to-custody analysis', href: '/reports/return-to-custody', action: 'reports.returns' },
      { text: 'Research extract', href: '/reports/research-extract', action: 'exports.research' },
      SUPERVISION_DUE,
    ],
  },
  analyst: {
    summary: 'Analyse engagement, outcomes and return to custody from pseudonymised extracts.',
    today: [
      { text: 'Engagement and outcome figures', href: '/reports/engagement', action: 'reports.read' },
      { text: 'Return-to-custody analysis', href: '/reports/return-to-custody', action: 'reports.returns' },
      { text: 'Research extract', href: '/reports/research-extract', action: 'exports.research' },
    ],
  },
  partner_agency: {
    summary: 'See the referrals sent to your agency and tell the programme what happened.',
    today: [{ text: 'Every referral sent to your agency', href: '/agency/referrals', action: 'referrals.answer' }],
  },
  administrator: {
    summary: 'Manage users and their roles, and the prisons, areas, local authorities and teams of the programme.',
    today: [
      { text: 'Users and their access', href: '/admin/users', action: 'users.read' },
      { text: 'Staff vetting, clearances and training expiring', href: '/staff/expiring', action: 'staff.expiring' },
      { text: 'Prisons, areas and teams', href: '/admin/reference', action: 'reference.read' },
      { text: 'The audit log', href: '/admin/audit', action: 'audit.read' },
      { text: 'API tokens of the programme', href: '/admin/api-tokens', action: 'apiTokens.manage' },
      { text: 'Retention: records due for deletion', href: '/admin/retention', action: 'retention.manage' },
    ],
  },
};
