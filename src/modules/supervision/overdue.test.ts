import { describe, expect, it } from 'vitest';
import { supervisionDueOn, supervisionStatus } from './overdue.ts';

describe('when supervision is due', () => {
  const base = { lastHeldOn: null, lastNextOn: null, accountCreatedOn: '2026-01-05', intervalWeeks: 4 };

  it('is the next date set at the last session, when one was set', () => {
    expect(supervisionDueOn({ ...base, lastHeldOn: '2026-03-02', lastNextOn: '2026-03-09' })).toBe('2026-03-09');
  });

  it('is the last session plus the interval when no next date was set', () => {
    expect(supervisionDueOn({ ...base, lastHeldOn: '2026-03-02' })).toBe('2026-03-30');
    expect(supervisionDueOn({ ...base, lastHeldOn: '2026-03-02', intervalWeeks: 2 })).toBe('2026-03-16');
  });

  it('is the account’s creation plus the interval for someone never supervised', () => {
    expect(supervisionDueOn(base)).toBe('2026-02-02');
  });
});

describe('where a worker stands', () => {
  it('is overdue only after the due date, not on it', () => {
    expect(supervisionStatus({ dueOn: '2026-03-30', lastHeldOn: '2026-03-02', today: '2026-03-30' })).toBe('due-soon');
    expect(supervisionStatus({ dueOn: '2026-03-30', lastHeldOn: '2026-03-02', today: '2026-03-31' })).toBe('overdue');
  });

  it('is overdue when never supervised past the due date, and otherwise says never supervised', () => {
    expect(supervisionStatus({ dueOn: '2026-02-02', lastHeldOn: null, today: '2026-02-03' })).toBe('overdue');
    expect(supervisionStatus({ dueOn: '2026-02-02', lastHeldOn: null, today: '2026-01-20' })).toBe('never');
  });

  it('is due within a week up to seven days ahead, and up to date beyond', () => {
    expect(supervisionStatus({ dueOn: '2026-03-30', lastHeldOn: '2026-03-02', today: '2026-03-23' })).toBe('due-soon');
    expect(supervisionStatus({ dueOn: '2026-03-30', lastHeldOn: '2026-03-02', today: '2026-03-22' })).toBe('up-to-date');
  });
});
