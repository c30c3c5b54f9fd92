import { describe, expect, it } from 'vitest';
import { can, type Resource } from './policy.ts';
import { ROLES, type Actor, type Role } from './roles.ts';

/** Issue 16: who reads supervision and lived experience, and who keeps staff records — both ways. */
const person = (role: Role, userId: string, teamId: string | null = 'team-a', programmeId = 'p1'): Actor => ({
  userId,
  programmeId,
  role,
  teamId,
  organisationId: null,
  displayName: 'Test',
  timeZone: 'Europe/London',
  via: 'session',
});

const coach = { kind: 'staff', id: 'coach', programmeId: 'p1', teamId: 'team-a' } as const satisfies Resource;
const session = { kind: 'supervision', id: 's1', programmeId: 'p1', superviseeId: 'coach', supervisorId: 'leader' } as const satisfies Resource;

/** Every role as a user who is neither the supervisee nor the supervisor, in the coach's team. */
const bystanders = ROLES.map((role) => person(role, `other-${role}`));

describe('reading a supervision session', () => {
  it('lets the supervisee, the supervisor who held it and managers read it', () => {
    expect(can(person('community_life_coach', 'coach'), 'supervision.read', session)).toBe(true);
    expect(can(person('team_leader', 'leader'), 'supervision.read', session)).toBe(true);
    expect(can(person('manager', 'any-manager', null), 'supervision.read', session)).toBe(true);
  });

  it('refuses everyone else, the coach’s team leader who did not hold it and administrators included', () => {
    const allowed = bystanders.filter((actor) => can(actor, 'supervision.read', session)).map((actor) => actor.role);
    expect(allowed).toEqual(['manager']);
    expect(can(person('team_leader', 'new-leader'), 'supervision.read', session)).toBe(false);
  });

  it('refuses a manager of another programme', () => {
    expect(can(person('manager', 'm2', null, 'p2'), 'supervision.read', session)).toBe(false);
  });

  it('lets only the supervisor correct a session or mark it entered in error, not the supervisee or a manager', () => {
    expect(can(person('team_leader', 'leader'), 'supervision.correct', session)).toBe(true);
    expect(can(person('community_life_coach', 'coach'), 'supervision.correct', session)).toBe(false);
    expect(can(person('manager', 'any-manager', null), 'supervision.correct', session)).toBe(false);
  });
});

describe('recording a supervision session', () => {
  it('lets the worker’s own team leader and managers supervise them, never themselves', () => {
    expect(can(person('team_leader', 'leader'), 'supervision.record', coach)).toBe(true);
    expect(can(person('manager', 'any-manager', null), 'supervision.record', coach)).toBe(true);
    expect(can(person('team_leader', 'leader', 'team-b'), 'supervision.record', coach)).toBe(false);
    expect(can(person('community_life_coach', 'coach'), 'supervision.record', coach)).toBe(false);
    expect(can(person('manager', 'm1', null), 'supervision.record', { ...coach, id: 'm1' })).toBe(false);
  });

  it('refuses every other role', () => {
    const allowed = bystanders.filter((actor) => can(actor, 'supervision.record', coach)).map((actor) => actor.role);
    expect(allowed.sort()).toEqual(['manager', 'team_leader']);
  });
});

describe('lived experience', () => {
  it('is read by the worker and by managers only', () => {
    expect(can(person('community_life_coach', 'coach'), 'livedExperience.read', coach)).toBe(true);
    const allowed = bystanders.filter((actor) => can(actor, 'livedExperience.read', coach)).map((actor) => actor.role);
    expect(allowed).toEqual(['manager']);
  });

  it('is not read by a manager of another programme', () => {
    expect(can(person('manager', 'm2', null, 'p2'), 'livedExperience.read', coach)).toBe(false);
  });

  it('is given only by the programme’s own staff, for themselves', () => {
    expect(can(person('community_life_coach', 'coach'), 'livedExperience.own')).toBe(true);
    expect(can(person('partner_agency', 'partner', null), 'livedExperience.own')).toBe(false);
  });
});

describe('staff records (vetting, prison clearances, training)', () => {
  it('are kept by administrators and the worker’s own team leader', () => {
    expect(can(person('administrator', 'admin', null), 'staff.keep', coach)).toBe(true);
    expect(can(person('team_leader', 'leader'), 'staff.keep', coach)).toBe(true);
    expect(can(person('team_leader', 'leader', 'team-b'), 'staff.keep', coach)).toBe(false);
    expect(can(person('community_life_coach', 'coach'), 'staff.keep', coach)).toBe(false);
    expect(can(person('team_leader', 'leader'), 'staff.keep', { ...coach, id: 'leader' })).toBe(false);
  });

  it('are read by the worker, those who keep them and managers, and no one else', () => {
    expect(can(person('community_life_coach', 'coach'), 'staff.read', coach)).toBe(true);
    const allowed = bystanders.filter((actor) => can(actor, 'staff.read', coach)).map((actor) => actor.role);
    expect(allowed.sort()).toEqual(['administrator', 'manager', 'team_leader']);
    expect(can(person('team_leader', 'leader', 'team-b'), 'staff.read', coach)).toBe(false);
  });
});
