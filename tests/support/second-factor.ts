import { newTotpSecret, codeAt, hashRecoveryCode } from '../../src/modules/second-factor/totp.ts';
import { anonymous, DEMO_PASSWORD, type Browser, type TestApp } from './test-app.ts';

/** Gives a user a confirmed second factor directly, with known recovery codes; returns the secret, to make codes with. */
export async function enrolUser(test: TestApp, userId: string, recoveryCodes: string[] = ['aaaa-bbbb-cccc-dddd-eeee-ffff']): Promise<string> {
  const secret = newTotpSecret();
  await test.database.db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await test.database.db.deleteFrom('second_factor').where('user_id', '=', userId).execute();
  await test.database.db.insertInto('second_factor').values({ user_id: userId, secret, confirmed_at: new Date(), last_used_step: null }).execute();
  if (recoveryCodes.length) {
    await test.database.db
      .insertInto('recovery_code')
      .values(recoveryCodes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(code), used_at: null })))
      .execute();
  }
  return secret;
}

/** The code an authenticator app with `secret` shows now, or `stepsAgo` 30-second steps ago. */
export const totpCode = (secret: string, stepsAgo = 0) => codeAt(secret, Date.now() - stepsAgo * 30_000);

/** A browser that has given the right password and now waits on the second-factor pages. */
export async function passwordGiven(test: TestApp, email: string): Promise<{ browser: Browser; location: string }> {
  const browser = anonymous(test);
  const response = await browser.post('/sign-in', { email, password: DEMO_PASSWORD });
  return { browser, location: String(response.headers.location) };
}

/** Posts a form on a second-factor page, with that page's CSRF token (the account page is closed to a waiting session). */
export async function postOnPage(browser: Browser, page: string, url: string, form: Record<string, string>) {
  const csrf = await browser.csrfToken(page);
  return browser.postRaw(url, { ...form, _csrf: csrf });
}

export async function requireSecondFactor(test: TestApp, required: boolean | null) {
  await test.database.db.updateTable('programme').set({ second_factor_required: required }).execute();
}

let extraUsers = 0;
/** A new user of `role` in the demo programme, with the demo password (its hash copied from a demo user). */
export async function extraUser(test: TestApp, role: string): Promise<{ id: string; email: string }> {
  const model = await test.database.db
    .selectFrom('app_user')
    .select(['programme_id', 'password_hash', 'team_id'])
    .where('email', '=', 'team.leader@roop.example')
    .executeTakeFirstOrThrow();
  extraUsers += 1;
  const email = `second.factor.${extraUsers}.${role}@roop.example`;
  const row = await test.database.db
    .insertInto('app_user')
    .values({
      programme_id: model.programme_id,
      email,
      display_name: `Extra ${role.replace(/_/g, ' ')} ${extraUsers}`,
      role,
      team_id: role === 'team_leader' || role.endsWith('coach') ? model.team_id : null,
      password_hash: model.password_hash,
      locked_until: null,
      last_signed_in_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}
