import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pino from 'pino';
import type { Database } from '../db/schema.ts';
import { newPasswordSchema } from '../modules/auth/passwords.ts';
import type { Role } from '../modules/auth/roles.ts';
import { createUser } from '../modules/users/service.ts';
import { createUserBody } from '../modules/users/schemas.ts';

/** `throughcare create-user`: the same rules and audit as the admin page, acting as "command line". */
export async function createUserCommand(props: {
  db: Kysely<Database>;
  email: string;
  name: string;
  role: Role;
  team?: string;
  agency?: string;
  programme: string;
}): Promise<string> {
  const programme = await props.db.selectFrom('programme').select('id').where('slug', '=', props.programme).executeTakeFirst();
  if (!programme) throw new Error(`No programme "${props.programme}"`);
  const team = props.team
    ? await props.db.selectFrom('team').select('id').where('programme_id', '=', programme.id).where('name', '=', props.team).executeTakeFirst()
    : null;
  if (props.team && !team) throw new Error(`No team "${props.team}" in ${props.programme}`);
  const agency = props.agency
    ? await props.db
        .selectFrom('agency_organisation')
        .select('id')
        .where('programme_id', '=', programme.id)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', (props.agency ?? '').toLowerCase()))
        .executeTakeFirst()
    : null;
  if (props.agency && !agency) throw new Error(`No agency "${props.agency}" in ${props.programme}'s directory`);
  const password = process.env.THROUGHCARE_PASSWORD ?? (await readPassword());
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? 'Invalid password');
  const input = createUserBody.parse({ email: props.email, displayName: props.name, role: props.role, teamId: team?.id ?? null, organisationId: agency?.id ?? null, password });
  const ctx = { actor: null, requestId: randomUUID(), address: 'command line', db: props.db, log: pino({ level: 'silent' }), systemLabel: 'command line' };
  const user = await createUser({ ctx, programmeId: programme.id, input });
  return `Created ${user.displayName} (${user.role}), id ${user.id}`;
}

async function readPassword(): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    return (await prompt.question('Password: ')).trimEnd();
  } finally {
    prompt.close();
  }
}
