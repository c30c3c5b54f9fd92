import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { ValidationError } from '../../http/errors.ts';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const common = new Set<string>(dictionary['passwords-common'] as string[]);

/**
 * True when the password is, or is only a decoration of, a commonly used or breached password:
 * "Password123456!" is "password" with digits and a symbol added, and is refused like "password".
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (common.has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core.length > 0 && common.has(core)) return true;
  if (/^(.)\1*$/.test(lower)) return true;
  return lower.includes('throughcare');
}

export const newPasswordSchema = z
  .string({ error: 'Enter a password' })
  .min(1, 'Enter a password')
  .min(PASSWORD_MIN, `Password must be ${PASSWORD_MIN} characters or more`)
  .max(PASSWORD_MAX, `Password must be ${PASSWORD_MAX} characters or fewer`)
  .refine((value) => !isCommonPassword(value), {
    message: 'Password is too common: choose a longer phrase that others are unlikely to use',
  });

/** Whose password is being set: the words of a refusal speak to its owner, or to an administrator. */
export type PasswordSetter = 'own' | 'other';
export interface PasswordOwner {
  email: string;
  displayName: string;
  /** The password they have now, when they have one: a new password must differ from it. */
  passwordHash?: string | null;
}

const PERSONAL_MESSAGE: Record<PasswordSetter, string> = {
  own: 'Your new password must not contain your name or the first part of your email address',
  other: 'Password must not contain the user’s name or the first part of their email address',
};
const SAME_MESSAGE: Record<PasswordSetter, string> = {
  own: 'Your new password must be different from your current password',
  other: 'Password must be different from the user’s current password',
};

/**
 * The words of a person's own that their password must not contain (case-insensitively): the part
 * of their email address before the @ and its pieces, and the parts of their name, of 3 letters or more.
 */
export function personalWords(owner: Pick<PasswordOwner, 'email' | 'displayName'>): string[] {
  const emailName = (owner.email.split('@')[0] ?? '').toLowerCase();
  const words = [emailName, ...emailName.split(/[^\p{L}\p{N}]+/u), ...owner.displayName.toLowerCase().split(/[^\p{L}]+/u)];
  return [...new Set(words.filter((word) => word.length >= 3))];
}

/**
 * Why `owner` may not have this password, beyond newPasswordSchema's rules (which need no one's
 * details): it holds their name or email name, or it is the one they have now. Null when it may be used.
 */
export async function personalPasswordProblem(password: string, owner: PasswordOwner, setter: PasswordSetter): Promise<string | null> {
  const lower = password.toLowerCase();
  if (personalWords(owner).some((word) => lower.includes(word))) return PERSONAL_MESSAGE[setter];
  if (owner.passwordHash && (await verifyPassword(owner.passwordHash, password))) return SAME_MESSAGE[setter];
  return null;
}

/** Refuses (a ValidationError on `field`, for the form's error summary or the API's problem document) what personalPasswordProblem refuses. */
export async function refusePersonalPassword(props: { password: string; owner: PasswordOwner; setter: PasswordSetter; field: string }): Promise<void> {
  const message = await personalPasswordProblem(props.password, props.owner, props.setter);
  if (message) throw new ValidationError([{ field: props.field, message }]);
}

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot import)
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the email is unknown, so the answer takes as long either way. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password never used by anyone');
  return decoyHash;
}
