import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { ValidationError } from '../http/errors.ts';
import { isCommonPassword, newPasswordSchema, personalPasswordProblem } from '../modules/auth/passwords.ts';
import { createProgramme, STARTERS } from '../seed/programme-create.ts';
import { UsageError } from './acting-as.ts';

/** The environment variable holding the first administrator's password. */
export const ADMIN_PASSWORD_VARIABLE = 'THROUGHCARE_ADMIN_PASSWORD';

export const DEFAULT_TIME_ZONE = 'Europe/London';
const ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * The IANA name of a time zone, as the runtime spells it ("europe/london" is Europe/London), or
 * null. Only named zones: an offset like +01:00 would not follow summer time.
 */
export function canonicalTimeZone(value: string): string | null {
  try {
    const zone = new Intl.DateTimeFormat('en-GB', { timeZone: value }).resolvedOptions().timeZone;
    return ZONES.has(zone) || zone === 'UTC' ? zone : null;
  } catch {
    return null;
  }
}

const required = (flag: string, what: string) => ({ error: `${flag} is required: ${what}` });

/** `throughcare programme create`'s options, each message naming its option. */
export const programmeCreateOptions = z.object({
  slug: z
    .string(required('--slug', 'the programme’s short name, like north-east'))
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '--slug must be 2 to 40 lower-case letters, digits and hyphens, starting with a letter or digit, like north-east'),
  name: z
    .string(required('--name', 'the programme’s name as users see it'))
    .trim()
    .min(1, '--name must not be blank')
    .max(120, '--name must be 120 characters or fewer'),
  timeZone: z
    .string({ error: '--time-zone must be an IANA time zone name, like Europe/London' })
    .default(DEFAULT_TIME_ZONE)
    .transform((value, ctx) => {
      const zone = canonicalTimeZone(value.trim());
      if (zone === null) ctx.addIssue({ code: 'custom', message: `--time-zone "${value}" is not a time zone: give an IANA name like Europe/London` });
      return zone ?? value;
    }),
  adminEmail: z
    .string(required('--admin-email', 'the first administrator’s email address'))
    .trim()
    .max(320, '--admin-email must be 320 characters or fewer')
    .pipe(z.email('--admin-email must be an email address, like name@example.org'))
    .transform((email) => email.toLowerCase()),
  adminName: z
    .string(required('--admin-name', 'the first administrator’s full name'))
    .trim()
    .min(1, '--admin-name must not be blank')
    .max(120, '--admin-name must be 120 characters or fewer'),
  starter: z.enum(STARTERS, { error: `--starter must be ${STARTERS.join(' or ')}` }).default('scottish'),
});

export const STARTER_HELP = `
Starters:
  scottish (default)  Routes out of Prison's configuration: the seven Scottish prisons, the four
                      community justice areas with their thirteen local authorities, and the
                      configurable lists (need domains, contact types, reasons for not engaging,
                      closure reasons, ways of liberation, genders, outcome types). No teams, and
                      no users but the administrator.
  blank               Nothing to take out: no prisons, areas, local authorities or teams, and every
                      configurable list empty, genders included. The service needs no entry to
                      start (it depends on no particular entry), and a programme cannot sign anyone up
                      before its administrator adds prisons and teams, so the lists are filled in
                      then (Settings): until they are, recording a contact, a need, a reason for
                      not engaging or a closure has nothing to choose from.
  Either way the programme rules start at their defaults (sentences of 3 to 48 months are eligible;
  clients are flagged after 14 days without contact): change them under Settings.

The administrator's password is read from ${ADMIN_PASSWORD_VARIABLE}; when that is not set, a
strong one is generated and printed, once.
`;

/**
 * `throughcare programme create`: a new programme with its first administrator, audited as the
 * command line. A mistake in the options, a slug or email address already taken, or a weak
 * password is a UsageError, and nothing is created.
 */
export async function programmeCreateCommand(props: {
  db: Kysely<Database>;
  options: Record<string, unknown>;
  /** The value of THROUGHCARE_ADMIN_PASSWORD, if set. */
  password: string | undefined;
  out: (line: string) => void;
}): Promise<void> {
  const parsed = programmeCreateOptions.safeParse(props.options);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const options = parsed.data;
  const generated = props.password === undefined;
  const password = props.password ?? generatePassword();
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) throw new UsageError(`${ADMIN_PASSWORD_VARIABLE}: ${checked.error.issues[0]?.message ?? 'not a usable password'}`);
  const personal = generated ? null : await personalPasswordProblem(password, { email: options.adminEmail, displayName: options.adminName }, 'other');
  if (personal) throw new UsageError(`${ADMIN_PASSWORD_VARIABLE}: ${personal}`);

  const ctx = { actor: null, requestId: randomUUID(), address: 'command line', db: props.db, log: pino({ level: 'silent' }), systemLabel: 'command line' };
  let created;
  try {
    created = await createProgramme({
      ctx,
      programme: {
        slug: options.slug,
        name: options.name,
        timeZone: options.timeZone,
        starter: options.starter,
        admin: { email: options.adminEmail, displayName: options.adminName, password },
      },
    });
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.problems.map((p) => p.message).join('; '));
    throw error;
  }

  const { counts } = created;
  props.out(
    `Created the programme "${options.name}" (${options.slug}), time zone ${options.timeZone}, with the ${options.starter === 'scottish' ? 'Scottish' : 'blank'} starter:`,
  );
  props.out(
    `  ${counts.prisons} prisons, ${counts.areas} community justice areas, ${counts.localAuthorities} local authorities, ${counts.teams} teams, ${counts.listEntries} list entries`,
  );
  props.out(`Its administrator: ${options.adminName} <${options.adminEmail}>`);
  if (generated) props.out(`  password (shown only this once, so keep it now): ${password}`);
  else props.out(`  password: the one in ${ADMIN_PASSWORD_VARIABLE}`);
  props.out('They sign in, change the password on their account page, then add teams and users (Users; Prisons, areas and teams; Settings).');
}

/** 24 random characters (144 bits): letters, digits, - and _. */
function generatePassword(): string {
  for (;;) {
    const password = randomBytes(18).toString('base64url');
    if (!isCommonPassword(password)) return password;
  }
}
