import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../../src/http/context.ts';
import { makeReferral, markReferralInError, recordAgencyStep } from '../../src/modules/referrals/service.ts';
import { notifyOverdueCommand } from '../../src/cli/notify-overdue.ts';
import { loadConfig } from '../../src/config.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';
import { assignConsultant, mailEnv, notificationsOf, sentReferralScene, startMailServer } from '../support/notifications.ts';
import { buildAgencyUser, buildReferralScene, referralInput } from '../support/referrals.ts';
import { MailOutbox, mailSettled } from '../../src/modules/notifications/mail-outbox.ts';

/** The app with e-mail through a local SMTP server the test started. */
let mail: Awaited<ReturnType<typeof startMailServer>>;
/** How long something done in the background (an e-mail, the overdue check) is waited for. */
const WAIT = { timeout: 5000 };
let test: TestApp;
beforeAll(async () => {
  mail = await startMailServer();
  test = await buildTestApp(mailEnv(mail.url));
});
afterAll(async () => {
  await test.close();
  await mail.close();
});

const chooseEmail = (userId: string, on: boolean) =>
  test.database.db.updateTable('app_user').set({ email_notifications: on }).where('id', '=', userId).execute();

describe('notification e-mails', () => {
  it('e-mails a user who chose e-mails, once the step is saved: a link and what kind of thing happened, nothing about the client', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    await test.database.db
      .insertInto('prison_number')
      .values({ programme_id: scene.person.programme_id, person_id: scene.person.id, number: 'Q7731ZX' })
      .execute();
    // The coach chose e-mails; the employment consultant, also working with the client, did not.
    const consultant = await assignConsultant(test, scene);
    await chooseEmail(scene.coach.id, true);
    await chooseEmail(consultant.id, false);
    const already = mail.received.length;
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });

    const message = await vi.waitUntil(() => mail.received.slice(already).find((m) => m.to.includes(scene.coach.email)), WAIT);
    const [notification] = await notificationsOf(test, scene.coach.id, referralId);
    expect(message.subject).toBe('A referral has been answered');
    expect(message.from).toBe('noreply@throughcare.example');
    expect(message.raw).toContain(`https://throughcare.example/notifications/${notification?.id}`);
    for (const personal of [scene.person.first_name, scene.person.last_name, 'Q7731ZX', '1985-06-15', 'Tenancy support', 'tenancy on release']) {
      expect(message.raw).not.toContain(personal);
    }
    await vi.waitUntil(async () => (await notificationsOf(test, scene.coach.id, referralId))[0]?.emailed_at, WAIT);

    // Nobody who did not choose e-mails gets one (the consultant and the agency's user have theirs in Throughcare).
    expect((await notificationsOf(test, consultant.id, referralId)).map((n) => n.kind)).toEqual(['referral_answered']);
    // The step's kick has run and its pass, which looked at every notification waiting, has finished.
    await mailSettled();
    const recipients = mail.received.slice(already).flatMap((m) => m.to);
    expect(recipients).toEqual([scene.coach.email]);
    expect((await notificationsOf(test, consultant.id, referralId))[0]?.emailed_at).toBeNull();
  });

  it('e-mails the agency’s user who chose e-mails when a referral sent to them is marked entered in error: a link, not the reason', async () => {
    const scene = await sentReferralScene(test);
    await chooseEmail(scene.agency.user.id, true);
    const already = mail.received.length;
    const reason = 'Meant for another client, Zebedee Quixote';
    await markReferralInError({ ctx: scene.coachCtx, personId: scene.person.id, episodeId: scene.episode.id, referralId: scene.referralId, version: 1, reason });
    const subject = 'A referral sent to you was marked entered in error';
    const message = await vi.waitUntil(() => mail.received.slice(already).find((m) => m.to.includes(scene.agency.user.email) && m.subject === subject), WAIT);
    const [notice] = await notificationsOf(test, scene.agency.user.id, scene.referralId);
    expect(message.raw).toContain(`https://throughcare.example/notifications/${notice?.id}`);
    for (const personal of [scene.person.first_name, scene.person.last_name, reason, 'Zebedee', 'Tenancy support']) expect(message.raw).not.toContain(personal);
  });

  it('e-mails a step’s notice once its transaction has committed, and never one rolled back', async () => {
    const scene = await sentReferralScene(test);
    await chooseEmail(scene.coach.id, true);
    const already = mail.received.length;
    const accept = (ctx: typeof scene.agency.ctx) => recordAgencyStep({ ctx, referralId: scene.referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
    // The step and its notice in a transaction that then fails: both rolled back, nothing sent.
    await expect(
      inTransaction(scene.agency.ctx, async (tx) => {
        await accept(tx);
        throw new Error('after the step');
      }),
    ).rejects.toThrow('after the step');
    await mailSettled();
    expect(mail.received.length).toBe(already);
    expect(await notificationsOf(test, scene.coach.id, scene.referralId)).toEqual([]);
    await accept(scene.agency.ctx);
    await vi.waitUntil(() => mail.received.slice(already).find((m) => m.to.includes(scene.coach.email)), WAIT);
  });

  it('never fails the step when the mail server is down: the e-mail waits (emailed_at empty) and a later run sends it', async () => {
    const down = await startMailServer();
    const port = down.port;
    await down.close();
    const broken = await buildTestApp(mailEnv(`smtp://127.0.0.1:${port}`));
    try {
      const scene = await sentReferralScene(broken);
      const { referralId } = scene;
      await broken.database.db.updateTable('app_user').set({ email_notifications: true }).where('id', '=', scene.coach.id).execute();
      await expect(
        recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } }),
      ).resolves.toBeUndefined();
      const saved = await broken.database.db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow();
      expect(saved.status).toBe('accepted');
      // The outbox tried (and released its claim): still unsent.
      await mailSettled();
      const [waiting] = await notificationsOf(broken, scene.coach.id, referralId);
      expect(waiting?.emailed_at).toBeNull();

      // The server is back: the next run (here the command a scheduler calls) sends it.
      const back = await startMailServer(port);
      try {
        const lines: string[] = [];
        const config = loadConfig({ NODE_ENV: 'test', ...mailEnv(back.url) });
        expect(await notifyOverdueCommand(broken.database.db, config, {}, (line) => lines.push(line))).toBe(0);
        expect(lines).toContain('E-mails sent: 1');
        expect(back.received.map((m) => m.to)).toEqual([[scene.coach.email]]);
        expect((await notificationsOf(broken, scene.coach.id, referralId))[0]?.emailed_at).not.toBeNull();
      } finally {
        await back.close();
      }
    } finally {
      await broken.close();
    }
  });
});

describe('the mail outbox', () => {
  it('sends a notification made while it is sending another in the same run, not at the next kick', async () => {
    let release: () => void = () => undefined;
    const slow = await startMailServer(0, new Promise<void>((resolve) => (release = resolve)));
    const outbox = new MailOutbox(test.database.db, { smtpUrl: slow.url, from: 'noreply@throughcare.example', publicBaseUrl: 'https://throughcare.example' }, { warn: () => undefined, error: () => undefined });
    try {
      // A logged referral tells nobody, so nothing kicks the app's own outbox; the notifications are written here.
      const scene = await buildReferralScene(test);
      const referralId = await makeReferral({ ctx: scene.coachCtx, personId: scene.person.id, episodeId: scene.episode.id, input: referralInput(scene.serviceId, { how: 'log' }) });
      const event = await test.database.db.selectFrom('referral_event').select(['programme_id', 'id']).where('referral_id', '=', referralId).executeTakeFirstOrThrow();
      const { user } = await buildAgencyUser(test, scene.organisationId);
      await chooseEmail(user.id, true);
      const notify = async () =>
        (
          await test.database.db
            .insertInto('notification')
            .values({ programme_id: event.programme_id, user_id: user.id, kind: 'referral_updated', referral_id: referralId, referral_event_id: event.id })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const first = await notify();
      const running = outbox.run();
      // The first is with the mail server, which has not answered yet: a second is made, and the outbox asked again.
      await vi.waitUntil(() => slow.received.length === 1, WAIT);
      const second = await notify();
      const askedAgain = outbox.run();
      release();
      await Promise.all([running, askedAgain]);
      expect(slow.received.map((m) => m.raw.match(/\/notifications\/([0-9a-f-]{36})/)?.[1])).toEqual([first, second]);
    } finally {
      release();
      await outbox.close();
      await slow.close();
    }
  });
});

describe('mail settings', () => {
  it('needs a sender and the public address with an SMTP server, and refuses a bad one by name', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).notifications).toEqual({ mail: null, overdueEveryMinutes: 0 });
    expect(loadConfig({}).notifications.overdueEveryMinutes).toBe(60);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example:587' })).toThrow(/MAIL_FROM: required[\s\S]*PUBLIC_BASE_URL: required/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...mailEnv('smtp://mail.example'), MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ NOTIFY_OVERDUE_MINUTES: '-5' })).toThrow(/NOTIFY_OVERDUE_MINUTES/);
    expect(loadConfig({ ...mailEnv('smtps://u:p@mail.example:465'), PUBLIC_BASE_URL: 'https://tc.example/' }).notifications.mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example:465',
      from: 'Throughcare <noreply@throughcare.example>',
      publicBaseUrl: 'https://tc.example',
    });
  });
});
