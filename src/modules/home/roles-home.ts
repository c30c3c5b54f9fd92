import type { Role } from '../auth/roles.ts';

/** What each role's home page says it is for: the day's work the service will gather here. */
export const HOME_INTRODUCTIONS: Record<Role, { summary: string; today: string[] }> = {
  prison_life_coach: {
    summary: 'Sign up eligible prisoners four to six weeks before release, visit them, and plan for the gate.',
    today: ['Liberations in the next six weeks and their pre-release visits', 'Needs assessments and action plans to finish', 'Gate meetings to arrange'],
  },
  community_life_coach: {
    summary: 'Meet clients at the gate and walk with them to the services they need.',
    today: ['Gate meetings this week', 'Clients with no contact for 14 days', 'Overdue actions from plans'],
  },
  employment_consultant: {
    summary: 'Work with clients who are ready for work, training or education.',
    today: ['New hand-overs from life coaches', 'In-work checks due and overdue', 'Activities, job starts and training places to record'],
  },
  family_support_coordinator: {
    summary: 'Support the families of people in prison and after release.',
    today: ['Families referred to you', 'Support to record'],
  },
  team_leader: {
    summary: "Allocate caseloads and keep watch on your team's work.",
    today: ["Your team's liberations, gate meetings and contacts", 'Caseloads to balance', 'Supervision to record'],
  },
  manager: {
    summary: "See the programme's figures and prepare returns for funders and partners.",
    today: ['Sign-ups, engagement and outcomes', 'Funder and partner returns'],
  },
  analyst: {
    summary: 'Analyse engagement, outcomes and return to custody from pseudonymised extracts.',
    today: ['Engagement and outcome figures', 'Return-to-custody analysis'],
  },
  partner_agency: {
    summary: 'See the referrals sent to your agency and tell the programme what happened.',
    today: ['Referrals waiting for your answer'],
  },
  administrator: {
    summary: 'Manage users and their roles, and the prisons, areas, local authorities and teams of the programme.',
    today: ['Users and their access', 'Reference data', 'The audit log'],
  },
};
