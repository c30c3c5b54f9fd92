import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReferral, markReferralInError, recordAgencyStep, recordCoachStep } from '../../src/modules/referrals/service.ts';
import { anonymous, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';
import { referralInput } from '../support/referrals.ts';
import { notificationsOf, organisationName, sentReferralScene } from '../support/notifications.ts';
import { createOwnToken } from '../support/api-tokens.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const unreadInHeader = (html: string) => decodeEntities(html).match(/>Notifications \((\d+) unread\)</)?.[1] ?? '0';

describe('notifications of a referral', () => {
  it('tells the agency of a new referral and the coach of its answer: the count in the header, the list in words without the client, and following one marks it read', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    expect((await notificationsOf(test, scene.agency.user.id)).map((n) => n.kind)).toEqual(['referral_sent']);
    // Whoever takes a step is not told of it.
    expect(await notificationsOf(test, scene.coach.id, referralId)).toEqual([]);

    const coach = await sessionFor(test, scene.coach.id);
    const before = Number(unreadInHeader((await coach.get('/')).body));
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });

    const home = await coach.get('/');
    expect(Number(unreadInHeader(home.body))).toBe(before + 1);
    const list = await coach.get('/notifications');
    expect(list.statusCode).toBe(200);
    const text = decodeEntities(list.body);
    expect(text).toContain(`${await organisationName(test, scene)} accepted a referral to Tenancy support`);
    expect(text).not.toContain(scene.person.first_name);
    expect(text).not.toContain(scene.person.last_name);

    const [notification] = await notificationsOf(test, scene.coach.id, referralId);
    expect(text).toContain(`href="/notifications/${notification?.id}"`);
    const followed = await coach.get(`/notifications/${notification?.id}`);
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe(`/people/${scene.person.id}/sign-ups/${scene.episode.id}/referrals/${referralId}`);
    expect(Number(unreadInHeader((await coach.get('/')).body))).toBe(before);

    // The agency's user is sent to their portal's page of the referral.
    const agency = await sessionFor(test, scene.agency.user.id);
    expect(unreadInHeader((await agency.get('/notifications')).body)).toBe('1');
    const [sent] = await notificationsOf(test, scene.agency.user.id);
    expect((await agency.get(`/notifications/${sent?.id}`)).headers.location).toBe(`/agency/referrals/${referralId}`);
  });

  it('shows another user none of them: their list is their own, and following someone else’s changes nothing', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    await recordAgencyStep({
      ctx: scene.agency.ctx,
      referralId,
      version: 1,
      step: 'declined',
      input: { happenedOn: '2026-02-03', declineReason: 'no_capacity' },
    });
    const [coachNotice] = await notificationsOf(test, scene.coach.id, referralId);
    expect(coachNotice?.kind).toBe('referral_answered');

    const other = await sessionAs(test, 'community_life_coach');
    const list = await other.get('/notifications');
    expect(list.body).not.toContain(coachNotice?.id);
    expect(decodeEntities(list.body)).not.toContain('declined a referral');
    const followed = await other.get(`/notifications/${coachNotice?.id}`);
    expect(followed.headers.location).toBe('/notifications');
    const after = await test.database.db
      .selectFrom('notification')
      .select('read_at')
      .where('id', '=', coachNotice?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(after.read_at).toBeNull();
    // Marking all read marks only their own.
    await other.post('/notifications/read', {});
    expect(
      (
        await test.database.db
          .selectFrom('notification')
          .select('read_at')
          .where('id', '=', coachNotice?.id ?? '')
          .executeTakeFirstOrThrow()
      ).read_at,
    ).toBeNull();
  });

  it('marks all of a user’s notifications read at once', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
    await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 2, step: 'note', input: { happenedOn: '2026-02-03', note: 'Call us' } });
    const coach = await sessionFor(test, scene.coach.id);
    expect(Number(unreadInHeader((await coach.get('/notifications')).body))).toBeGreaterThanOrEqual(2);
    const marked = await coach.post('/notifications/read', {});
    expect(marked.headers.location).toBe('/notifications');
    const page = await coach.get('/notifications');
    expect(decodeEntities(page.body)).toMatch(/notifications? marked as read/);
    expect(unreadInHeader(page.body)).toBe('0');
    expect(decodeEntities(page.body)).toContain('added a note to a referral to Tenancy support');
  });

  it('tells the agency of the coach’s steps on a live referral, and nobody of a logged one', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    const ids = { ctx: scene.coachCtx, personId: scene.person.id, episodeId: scene.episode.id };
    await recordCoachStep({ ...ids, referralId, version: 1, step: 'withdrawn', input: { happenedOn: '2026-02-03', note: 'Moved away' } });
    expect((await notificationsOf(test, scene.agency.user.id)).map((n) => n.kind)).toEqual(['referral_updated', 'referral_sent']);
    const agency = await sessionFor(test, scene.agency.user.id);
    expect(decodeEntities((await agency.get('/notifications')).body)).toContain('The coach withdrew a referral to Tenancy support');

    const count = async () =>
      (
        await test.database.db
          .selectFrom('notification')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const logged = await makeReferral({
      ...ids,
      input: referralInput(scene.serviceId, { how: 'log', serviceId: undefined, agencyName: 'Local food bank' } as never),
    });
    await recordCoachStep({ ...ids, referralId: logged, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
    expect(await count()).toBe(before);
  });

  it('tells the agency’s users when the coach marks a live referral entered in error (it leaves their lists), and nobody of a logged one', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    const ids = { ctx: scene.coachCtx, personId: scene.person.id, episodeId: scene.episode.id };
    await markReferralInError({ ...ids, referralId, version: 1, reason: 'Wrong client' });
    const notices = await notificationsOf(test, scene.agency.user.id);
    expect(notices.map((n) => n.kind)).toEqual(['referral_updated', 'referral_sent']);
    expect(await notificationsOf(test, scene.coach.id, referralId)).toEqual([]);

    const agency = await sessionFor(test, scene.agency.user.id);
    const list = decodeEntities((await agency.get('/notifications')).body);
    expect(unreadInHeader(list)).toBe('2');
    const words = list.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words).toContain('The coach marked a referral to Tenancy support as entered in error, so it is no longer in your lists');
    expect(words).not.toContain('no longer in your lists (the referral was later marked entered in error)');
    expect(words).toContain('A referral to Tenancy support was sent to you (the referral was later marked entered in error)');
    expect(words).not.toContain('Wrong client');
    // Neither notice links to the referral, which the agency can no longer open; following one (an e-mail's link) leads back to the list.
    for (const notice of notices) {
      expect(list).not.toContain(`href="/notifications/${notice.id}"`);
      expect((await agency.get(`/notifications/${notice.id}`)).headers.location).toBe('/notifications');
    }

    const logged = await makeReferral({ ...ids, input: referralInput(scene.serviceId, { how: 'log' }) });
    await markReferralInError({ ...ids, referralId: logged, version: 1, reason: 'Wrong client' });
    expect(await notificationsOf(test, scene.agency.user.id, logged)).toEqual([]);
  });

  it('shows the header’s unread count on every page: a form shown again with its errors, and error pages', async () => {
    const scene = await sentReferralScene(test);
    // The agency's user has one unread notification: the referral sent to them.
    const agency = await sessionFor(test, scene.agency.user.id);
    const step = `/agency/referrals/${scene.referralId}/steps/declined`;
    const errors = await agency.post(step, { version: '1', 'happenedOn-day': '3', 'happenedOn-month': '2', 'happenedOn-year': '2026' });
    expect(errors.statusCode).toBe(400);
    expect(errorSummary(errors.body)).toEqual(['Select why the referral is declined']);
    expect(unreadInHeader(errors.body)).toBe('1');
    // Refused at the door (403), a page that is not there (404), and a form whose token is not the session's (403).
    for (const url of ['/reports/referrals', '/agency/nothing-here']) expect(unreadInHeader((await agency.get(url)).body), url).toBe('1');
    const stale = await agency.postRaw(step, { _csrf: 'not-the-token', version: '1', declineReason: 'no_capacity' });
    expect(stale.statusCode).toBe(403);
    expect(unreadInHeader(stale.body)).toBe('1');
  });

  it('makes nothing when the step is refused: the notification is in the step’s transaction', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    await expect(recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 7, step: 'accepted', input: { happenedOn: '2026-02-03' } })).rejects.toThrow(
      /Someone else/,
    );
    expect(await notificationsOf(test, scene.coach.id, referralId)).toEqual([]);
  });

  it('asks a visitor to sign in, and shows an anonymous page no notifications link', async () => {
    const visitor = anonymous(test);
    const list = await visitor.get('/notifications');
    expect(list.statusCode).toBe(302);
    expect(list.headers.location).toMatch(/^\/sign-in/);
    expect((await visitor.get('/sign-in')).body).not.toContain('href="/notifications"');
  });
});

describe('choosing e-mails on the account page', () => {
  it('saves the user’s own choice (audited), shows it ticked, and refuses a value that is not the checkbox’s', async () => {
    const user = await demoUser(test, 'team_leader');
    const leader = await sessionFor(test, user.id);
    const account = await leader.get('/account');
    expect(account.body).toContain('name="emailNotifications"');
    expect(account.body).not.toMatch(/value="yes" checked/);
    const saved = await leader.post('/account/notifications', { emailNotifications: 'yes' });
    expect(saved.headers.location).toBe('/account');
    expect(
      (await test.database.db.selectFrom('app_user').select('email_notifications').where('id', '=', user.id).executeTakeFirstOrThrow()).email_notifications,
    ).toBe(true);
    const ticked = await leader.get('/account');
    expect(decodeEntities(ticked.body)).toContain('You will get an e-mail for each notification');
    expect(ticked.body).toMatch(/value="yes" checked/);
    const audit = await test.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('record_id', '=', user.id)
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ fields: ['email_notifications'] });

    const bad = await leader.post('/account/notifications', { emailNotifications: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body).length).toBeGreaterThan(0);
    expect(
      (await test.database.db.selectFrom('app_user').select('email_notifications').where('id', '=', user.id).executeTakeFirstOrThrow()).email_notifications,
    ).toBe(true);

    await leader.post('/account/notifications', {});
    expect(
      (await test.database.db.selectFrom('app_user').select('email_notifications').where('id', '=', user.id).executeTakeFirstOrThrow()).email_notifications,
    ).toBe(false);
  });
});

describe('notifications through the API', () => {
  it('gives a user’s token their own notifications with the referral’s path, and marks them read; a bad page is a problem document', async () => {
    const scene = await sentReferralScene(test);
    const { referralId } = scene;
    const agency = await sessionFor(test, scene.agency.user.id);
    const token = await createOwnToken(agency, { name: 'Agency sync', scope: 'read-write' });
    const headers = { authorization: `Bearer ${token}` };
    const listed = await test.app.inject({ method: 'GET', url: '/api/v1/notifications', headers });
    expect(listed.statusCode).toBe(200);
    const body = listed.json();
    expect(body).toMatchObject({ unread: 1, page: 1, hasNext: false });
    expect(body.notifications).toEqual([
      expect.objectContaining({
        kind: 'referral_sent',
        unread: true,
        referralId,
        referralPath: `/agency/referrals/${referralId}`,
        text: 'A referral to Tenancy support was sent to you',
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain(scene.person.last_name);

    const bad = await test.app.inject({ method: 'GET', url: '/api/v1/notifications?page=first', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    const read = await test.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers });
    expect(read.json()).toEqual({ marked: 1 });
    expect((await test.app.inject({ method: 'GET', url: '/api/v1/notifications', headers })).json()).toMatchObject({ unread: 0 });
  });
});
