import { describe, expect, it } from 'vitest';
import { hashPassword, isCommonPassword, newPasswordSchema, verifyPassword } from './passwords.ts';

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
