import { sql } from 'kysely';
import { audit } from '../modules/audit/record.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { inTransaction, type Ctx } from '../http/context.ts';
import { ValidationError } from '../http/errors.ts';
import { ensureOutcomeFramework } from './outcome-framework.ts';
import { addScottishStarter } from './scottish-starter.ts';

/** What a new programme starts with: Routes out of Prison's Scottish configuration, or nothing to remove. */
export const STARTERS = ['scottish', 'blank'] as const;
export type Starter = (typeof STARTERS)[number];

export interface NewProgramme {
  slug: string;
  name: string;
  timeZone: string;
  starter: Starter;
  admin: { email: string; displayName: string; password: string };
}

export interface CreatedProgramme {
  programmeId: string;
  adminUserId: string;
  counts: { prisons: number; areas: number; localAuthorities: number; teams: number; listEntries: number };
}

/**
 * A new programme beside any others, in one transaction: the programme row (its rules at their
 * defaults), the starter configuration, its first administrator, and the audit events saying so.
 * Input arrives checked for form (the caller's schema); this refuses, with a ValidationError, a slug
 * already taken or an email address any user of any programme already has.
 */
export async function createProgramme(props: { ctx: Ctx; programme: NewProgramme }): Promise<CreatedProgramme> {
  const { ctx, programme } = props;
  const email = programme.admin.email.trim().toLowerCase();
  const passwordHash = await hashPassword(programme.admin.password);
  return inTransaction(ctx, async (tx) => {
    await checkFree(tx, { slug: programme.slug, email });
    const { id: programmeId } = await tx.db
      .insertInto('programme')
      .values({ slug: programme.slug, name: programme.name, time_zone: programme.timeZone })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (programme.starter === 'scottish') await addScottishStarter(tx.db, programmeId);
    else await ensureOutcomeFramework(tx.db, programmeId);
    const admin = await tx.db
      .insertInto('app_user')
      .values({
        programme_id: programmeId,
        email,
        display_name: programme.admin.displayName,
        role: 'administrator',
        team_id: null,
        password_hash: passwordHash,
        locked_until: null,
        last_signed_in_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const counts = await countConfiguration(tx, programmeId);
    const by = { userId: null, programmeId, label: tx.systemLabel ?? 'system' };
    await audit(
      tx,
      { action: 'create', recordType: 'programme', recordId: programmeId, detail: { slug: programme.slug, starter: programme.starter, ...counts } },
      by,
    );
    await audit(tx, { action: 'create', recordType: 'user', recordId: admin.id, detail: { role: 'administrator' } }, by);
    return { programmeId, adminUserId: admin.id, counts };
  });
}

async function checkFree(ctx: Ctx, props: { slug: string; email: string }): Promise<void> {
  const programme = await ctx.db.selectFrom('programme').select('id').where('slug', '=', props.slug).executeTakeFirst();
  if (programme) throw new ValidationError([{ field: 'slug', message: `There is already a programme "${props.slug}": choose another slug` }]);
  const user = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where(sql<string>`lower(email)`, '=', props.email)
    .executeTakeFirst();
  if (user) {
    throw new ValidationError([
      {
        field: 'adminEmail',
        message: `A user with the email address ${props.email} already exists (in this or another programme): give the administrator another`,
      },
    ]);
  }
}

async function countConfiguration(ctx: Ctx, programmeId: string): Promise<CreatedProgramme['counts']> {
  const count = async (table: 'prison' | 'area' | 'local_authority' | 'team' | 'choice') => {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('programme_id', '=', programmeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    prisons: await count('prison'),
    areas: await count('area'),
    localAuthorities: await count('local_authority'),
    teams: await count('team'),
    listEntries: await count('choice'),
  };
}
