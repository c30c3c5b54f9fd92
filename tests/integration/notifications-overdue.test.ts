import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReferralStatus } from '../../src/db/schema.ts';
import { isOverdue } from '../../src/modules/referrals/lifecycle.ts';
import { overdueOn } from '../../src/modules/referrals/overdue-sql.ts';
import { makeReferral, recordAgencyStep } from '../../src/modules/referrals/service.ts';
import { notifyOverdue, overdueReferrals } from '../../src/modules/notifications/overdue.ts';
import { notifyOverdueCommand } from '../../src/cli/notify-overdue.ts';
import { buildTestApp, decodeEntities, sessionFor, type TestApp } from '../support/test-app.ts';
import { buildReferralScene, referralInput } from '../support/referrals.ts';
import { assignConsultant, notificationsOf, organisationName, sentReferralScene } from '../support/notifications.ts';
import { startNotifications } from '../../src/modules/notifications/schedule.ts';

/** How long something done in the background (an e-mail, the overdue check) is waited for. */
const WAIT = { timeout: 5000 };
let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe('referrals falling overdue', () => {
  it('tells the agency, whoever made it and the sign-up’s current workers, once per due day however often it runs', async () => {
    // Sent on 2 February, "soon": answered by the 5th, overdue from the 6th.
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    const consultant = await assignConsultant(test, scene);
    const overdueFor = async (userId: string) => (await notificationsOf(test, userId, referralId)).filter((n) => n.kind === 'referral_overdue');

    expect(await notifyOverdue(test.database.db, { today: '2026-02-05' })).toBe(0);
    expect(await notifyOverdue(test.database.db, { today: '2026-02-06' })).toBeGreaterThanOrEqual(3);
    for (const user of [scene.agency.user.id, scene.coach.id, consultant.id]) {
      expect((await overdueFor(user)).map((n) => n.due_on)).toEqual(['2026-02-05']);
    }
    expect(await notifyOverdue(test.database.db, { today: '2026-02-06' })).toBe(0);
    expect(await notifyOverdue(test.database.db, { today: '2026-02-09' })).toBe(0);
    expect((await overdueFor(scene.coach.id)).length).toBe(1);

    const coach = await sessionFor(test, scene.coach.id);
    expect(decodeEntities((await coach.get('/notifications')).body)).toContain(
      `A referral to Tenancy support (${await organisationName(test, scene)}) is overdue: it was due on 5 February 2026`,
    );

    // Answered: no longer overdue. An appointment that goes by unrecorded is a new due day.
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-09' } });
    await recordAgencyStep({
      ctx: scene.agency.ctx,
      referralId,
      version: 2,
      step: 'appointment_booked',
      input: { happenedOn: '2026-02-09', appointmentOn: '2026-02-12' },
    });
    expect(await notifyOverdue(test.database.db, { today: '2026-02-12' })).toBe(0);
    expect(await notifyOverdue(test.database.db, { today: '2026-02-13' })).toBeGreaterThanOrEqual(3);
    expect((await overdueFor(scene.agency.user.id)).map((n) => n.due_on)).toEqual(['2026-02-12', '2026-02-05']);
    expect(await notifyOverdue(test.database.db, { today: '2026-02-14' })).toBe(0);
  });

  it('finds in SQL exactly the referrals lifecycle.isOverdue calls overdue (and, negated as the agency’s lists are, the rest), and none entered in error', async () => {
    const scene = await buildReferralScene(test);
    const cases: { status: ReferralStatus; answer_due_on: string; appointment_on: string | null; inError?: boolean }[] = [
      { status: 'sent', answer_due_on: '2026-03-09', appointment_on: null },
      { status: 'sent', answer_due_on: '2026-03-10', appointment_on: null },
      { status: 'sent', answer_due_on: '2026-03-11', appointment_on: null },
      { status: 'sent', answer_due_on: '2026-03-01', appointment_on: null, inError: true },
      { status: 'accepted', answer_due_on: '2026-03-01', appointment_on: null },
      { status: 'appointment_booked', answer_due_on: '2026-03-01', appointment_on: '2026-03-09' },
      { status: 'appointment_booked', answer_due_on: '2026-03-01', appointment_on: '2026-03-10' },
      { status: 'appointment_booked', answer_due_on: '2026-03-01', appointment_on: '2026-03-12' },
      { status: 'appointment_booked', answer_due_on: '2026-03-01', appointment_on: null },
      { status: 'did_not_attend', answer_due_on: '2026-03-01', appointment_on: '2026-03-02' },
      { status: 'declined', answer_due_on: '2026-03-01', appointment_on: null },
      { status: 'closed', answer_due_on: '2026-03-01', appointment_on: '2026-03-02' },
    ];
    const today = '2026-03-10';
    const expected: string[] = [];
    const rest: string[] = [];
    for (const c of cases) {
      const id = await makeReferral({
        ctx: scene.coachCtx,
        personId: scene.person.id,
        episodeId: scene.episode.id,
        input: referralInput(scene.serviceId, { sentOn: '2026-02-20' }),
      });
      await test.database.db
        .updateTable('referral')
        .set({
          status: c.status,
          answer_due_on: c.answer_due_on,
          appointment_on: c.appointment_on,
          decline_reason: c.status === 'declined' ? 'no_capacity' : null,
          ...(c.inError ? { entered_in_error_at: new Date(), entered_in_error_reason: 'Test' } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (!c.inError) (isOverdue({ status: c.status, answerDueOn: c.answer_due_on, appointmentOn: c.appointment_on }, today) ? expected : rest).push(id);
    }
    const found = await overdueReferrals(test.database.db, { programmeId: scene.episode.programme_id, today })
      .where('r.episode_id', '=', scene.episode.id)
      .execute();
    expect(found.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBe(2);
    const notOverdue = await test.database.db
      .selectFrom('referral as r')
      .select('r.id')
      .where('r.episode_id', '=', scene.episode.id)
      .where('r.entered_in_error_at', 'is', null)
      .where((eb) => eb.not(overdueOn(today)))
      .execute();
    expect(notOverdue.map((r) => r.id).sort()).toEqual(rest.sort());
  });

  it('runs in the web process as it starts (then every NOTIFY_OVERDUE_MINUTES), and not in tests unless asked', async () => {
    // Sent in February and never answered: overdue today, whatever day the test runs.
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    // Started as the test app starts it, nothing is scheduled: no check now (setImmediate) nor later (setInterval).
    expect(test.config.notifications.overdueEveryMinutes).toBe(0);
    vi.useFakeTimers({ toFake: ['setImmediate', 'setInterval', 'setTimeout'] });
    try {
      const stopUnasked = startNotifications({ db: test.database.db, config: test.config.notifications, log: test.app.log });
      expect(vi.getTimerCount()).toBe(0);
      await stopUnasked();
    } finally {
      vi.useRealTimers();
    }
    expect(await notificationsOf(test, scene.coach.id, referralId)).toEqual([]);

    const stop = startNotifications({ db: test.database.db, config: { mail: null, overdueEveryMinutes: 5 }, log: test.app.log });
    try {
      const notices = await vi.waitUntil(async () => {
        const found = await notificationsOf(test, scene.coach.id, referralId);
        return found.length > 0 && found;
      }, WAIT);
      expect(notices.map((n) => [n.kind, n.due_on])).toEqual([['referral_overdue', '2026-02-05']]);
    } finally {
      await stop();
    }
  });

  it('runs as `throughcare notify-overdue`: counts only, and says when e-mail is not set up', async () => {
    await sentReferralScene(test, { urgency: 'urgent', sentOn: '2026-04-01' });
    const lines: string[] = [];
    const code = await notifyOverdueCommand(test.database.db, test.config, { programme: 'roop', asOf: '2026-04-03' }, (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Overdue referral notifications made: [1-9]\d*$/);
    expect(lines[1]).toMatch(/not set up/);
    lines.length = 0;
    await notifyOverdueCommand(test.database.db, test.config, { programme: 'roop', asOf: '2026-04-03' }, (line) => lines.push(line));
    expect(lines[0]).toBe('Overdue referral notifications made: 0');
    await expect(notifyOverdueCommand(test.database.db, test.config, { asOf: '3 April' }, () => undefined)).rejects.toThrow('--as-of must be a date');
    await expect(notifyOverdueCommand(test.database.db, test.config, { programme: 'nope' }, () => undefined)).rejects.toThrow('No programme nope');
  });
});
