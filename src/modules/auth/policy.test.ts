import { describe, expect, it } from 'vitest';
import { can } from './policy.ts';
import type { Actor, Role } from './roles.ts';

const actor = (role: Role, userId = 'u1'): Actor => ({
  userId,
  programmeId: 'p1',
  role,
  teamId: null,
  organisationId: null,
  displayName: 'Test',
  timeZone: 'Europe/London',
  via: 'session',
});

describe('can', () => {
  it('refuses everything to an anonymous visitor', () => {
    expect(can(null, 'home.view')).toBe(false);
  });

  it('refuses an action that has no rule', () => {
    expect(can(actor('administrator'), 'no.such.action' as never)).toBe(false);
  });

  it('lets only administrators manage users, and only in their own programme', () => {
    const other = { kind: 'user' as const, id: 'u2', programmeId: 'p1' };
    expect(can(actor('administrator'), 'users.manage', other)).toBe(true);
    expect(can(actor('team_leader'), 'users.manage', other)).toBe(false);
    expect(can(actor('administrator'), 'users.manage', { ...other, programmeId: 'p2' })).toBe(false);
  });

  it('stops an administrator deactivating their own account', () => {
    expect(can(actor('administrator', 'u1'), 'users.deactivate', { kind: 'user', id: 'u1', programmeId: 'p1' })).toBe(false);
    expect(can(actor('administrator', 'u1'), 'users.deactivate', { kind: 'user', id: 'u2', programmeId: 'p1' })).toBe(true);
  });

  it('keeps reference data from partner agency users', () => {
    expect(can(actor('partner_agency'), 'reference.read')).toBe(false);
    expect(can(actor('community_life_coach'), 'reference.read')).toBe(true);
  });
});
