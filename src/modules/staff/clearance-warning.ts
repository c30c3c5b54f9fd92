import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { audit } from '../audit/record.ts';
import { ALLOCATION_PARTS } from '../custody/schemas.ts';

/**
 * When a worker is assigned to a client, whether the programme records that their clearance for the
 * sign-up's prison has expired: they hold clearances for that prison (entries in error left out) and
 * none is current today. A warning only, never a refusal; nothing is said when no clearance is
 * recorded for that worker and prison (the programme may not keep them). One sentence per worker and prison;
 * a warning shown is audited as a read of those workers' clearances (their staff record).
 */
export async function expiredClearances(ctx: SignedInCtx, assigned: { workerId: string; episodeId: string }[]): Promise<string[]> {
  const pairs = assigned.filter((a) => a.workerId && a.episodeId);
  if (pairs.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('prison_clearance as pc', (j) => j.onRef('pc.programme_id', '=', 'e.programme_id').onRef('pc.prison_id', '=', 'e.prison_id'))
    .innerJoin('prison as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.prison_id'))
    .innerJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'pc.programme_id').onRef('u.id', '=', 'pc.user_id'))
    .select(['u.id as userId', 'u.display_name as worker', 'p.name as prison', sql<string>`max(pc.expires_on)::text`.as('lastExpiry')])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('pc.entered_in_error_at', 'is', null)
    .where((eb) => eb.or(pairs.map((pair) => eb.and([eb('e.id', '=', pair.episodeId), eb('pc.user_id', '=', pair.workerId)]))))
    .groupBy(['u.id', 'u.display_name', 'p.id', 'p.name'])
    .having(sql<boolean>`max(pc.expires_on) < ${today(ctx.actor.timeZone)}::date`)
    .orderBy('u.display_name')
    .execute();
  if (rows.length > 0) await audit(ctx, { action: 'list', recordType: 'prison-clearance', detail: { view: 'allocation-warning', userIds: [...new Set(rows.map((row) => row.userId))] } });
  return rows.map((row) => `${row.worker}’s clearance for ${row.prison} expired on ${formatCalendarDate(row.lastExpiry)}`);
}

/** The warnings for the workers an allocation names (page and API alike). */
export const allocationClearanceWarnings = (ctx: SignedInCtx, episodeId: string, input: Partial<Record<keyof typeof ALLOCATION_PARTS, string | null>>) =>
  expiredClearances(
    ctx,
    (Object.keys(ALLOCATION_PARTS) as (keyof typeof ALLOCATION_PARTS)[]).map((field) => ({ workerId: input[field] ?? '', episodeId })),
  );

/** A success banner with any such warning after it (as the sign-up window's warning is shown). */
export const withClearanceWarnings = (success: string, warnings: string[]) => (warnings.length === 0 ? success : `${success}. Note: ${warnings.join('; ')}`);
