import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, newPasswordSchema, personalPasswordProblem, personalWords, verifyPassword } from './passwords.ts';

describe('new password rules', () => {
  const check = (password: string) => newPasswordSchema.safeParse(password);

  it('accepts a long uncommon phrase', () => {
    expect(check('kettle orbit lantern 42').success).toBe(true);
  });

  it('refuses fewer than 12 characters and more than 128', () => {
    expect(check('short pass').error?.issues[0]?.message).toBe('Password must be 12 characters or more');
    expect(check('kettle orbit lantern ' + 'y'.repeat(108)).success).toBe(false);
    expect(check('kettle orbit lantern ' + 'y'.repeat(107)).success).toBe(true);
  });

  it('refuses common passwords, also when dressed up with digits and symbols', () => {
    expect(isCommonPassword('qwerty123456')).toBe(true);
    expect(isCommonPassword('Password123456!')).toBe(true);
    expect(isCommonPassword('aaaaaaaaaaaaaa')).toBe(true);
    expect(check('liverpool2024!!').success).toBe(false);
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('kettle orbit lantern 42');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(stored, 'kettle orbit lantern 42')).toBe(true);
    expect(await verifyPassword(stored, 'kettle orbit lantern 43')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe('a password of the person’s own', () => {
  const owner = { email: 'jo.macleod@roop.example', displayName: 'Jo Anne MacLeod-Smith' };

  it('takes the email name, its pieces and the name’s parts of 3 letters or more', () => {
    expect(personalWords(owner)).toEqual(['jo.macleod', 'macleod', 'anne', 'macleod', 'smith'].filter((w, i, all) => all.indexOf(w) === i));
    expect(personalWords({ email: 'al@x.example', displayName: 'Al Wu' })).toEqual([]);
  });

  it('refuses one holding any of them whatever the case, and the one they have now', async () => {
    expect(await personalPasswordProblem('kettle SMITH orbit', owner, 'own')).toBe('Your new password must not contain your name or the first part of your email address');
    expect(await personalPasswordProblem('kettle jo.MacLeod orbit', owner, 'other')).toBe('Password must not contain the user’s name or the first part of their email address');
    expect(await personalPasswordProblem('kettle jo orbit lantern', owner, 'own')).toBeNull();
    const passwordHash = await hashPassword('kettle orbit lantern 42');
    expect(await personalPasswordProblem('kettle orbit lantern 42', { ...owner, passwordHash }, 'own')).toBe('Your new password must be different from your current password');
    expect(await personalPasswordProblem('kettle orbit lantern 43', { ...owner, passwordHash }, 'own')).toBeNull();
  });
});
