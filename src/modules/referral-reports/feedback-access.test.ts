import { describe, expect, it } from 'vitest';
import { can } from '../auth/policy.ts';
import type { Actor, Role } from '../auth/roles.ts';

const actor = (role: Role, organisationId: string | null = null): Actor => ({
  userId: 'u1',
  programmeId: 'p1',
  role,
  teamId: null,
  organisationId,
  displayName: 'Test',
  timeZone: 'Europe/London',
  via: 'session',
});
const organisation = (id: string, programmeId = 'p1') => ({ kind: 'organisation' as const, id, programmeId });

describe("an agency's feedback report (reports.agencyFeedback)", () => {
  it("lets the programme's report readers read any organisation's, in their own programme", () => {
    for (const role of ['team_leader', 'manager', 'analyst'] as const) {
      expect(can(actor(role), 'reports.agencyFeedback', organisation('o1'))).toBe(true);
      expect(can(actor(role), 'reports.agencyFeedback', organisation('o1', 'p2'))).toBe(false);
    }
  });

  it("lets a partner agency's user read only their own organisation's", () => {
    expect(can(actor('partner_agency', 'o1'), 'reports.agencyFeedback', organisation('o1'))).toBe(true);
    expect(can(actor('partner_agency', 'o1'), 'reports.agencyFeedback', organisation('o2'))).toBe(false);
    expect(can(actor('partner_agency', null), 'reports.agencyFeedback')).toBe(false);
  });

  it('refuses caseworkers and administrators', () => {
    for (const role of ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator', 'administrator'] as const) {
      expect(can(actor(role), 'reports.agencyFeedback', organisation('o1'))).toBe(false);
    }
  });
});
