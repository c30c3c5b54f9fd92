import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { hashSecret } from '../auth/tokens.ts';

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, as every authenticator
 * app expects), with the library `otpauth`. A code is accepted in its own step or the one either side
 * (clocks drift), and a step once used is refused (a code seen over a shoulder cannot be used again).
 */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
const WINDOW = 1;
const ISSUER = 'Throughcare';

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** The time step a code belongs to, when it is right now (±1 step); null when it is not. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: now }) + delta;
}

/** The code for a moment: for tests, which play the part of the authenticator app. */
export const codeAt = (secret: string, timestamp = Date.now()): string => totpFor(secret, 'code').generate({ timestamp });

/** What the set-up page shows: the QR code (an SVG drawn here, no script) and the secret to type instead, in groups of four. */
export async function enrolmentPicture(secret: string, accountName: string): Promise<{ qrSvg: string; secretText: string }> {
  const uri = totpFor(secret, accountName).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const qrSvg = svg.replace('<svg ', '<svg role="img" aria-label="QR code to scan with your authenticator app" width="220" height="220" focusable="false" ');
  return { qrSvg, secretText: secret.match(/.{1,4}/g)?.join(' ') ?? secret };
}

/** A code as typed: spaces and dashes dropped, letters in lower case. */
export const normaliseCode = (code: string): string => code.replace(/[\s-]/g, '').toLowerCase();

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: easy to read from paper. 24 characters of 31 = about 119 random bits: past the 112 at which
 * ASVS allows a plain hash instead of a salted password hash. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 24;

/** Ten new recovery codes, shown once as six groups of four characters; only their hashes are kept. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: RECOVERY_LENGTH / 4 }, () =>
      Array.from({ length: 4 }, () => RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length))).join(''),
    ).join('-'),
  );
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Recovery codes are long and random, so a fast hash (SHA-256, as for session and API tokens) is enough. */
export const hashRecoveryCode = (code: string): string => hashSecret(`recovery:${normaliseCode(code)}`);
