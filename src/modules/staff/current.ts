import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';

/**
 * What is current on workers' staff records (entries in error left out): each worker's latest
 * vetting check (by issue date), their latest clearance for each prison (by expiry) and their latest
 * training in each course (by completion). An older check that a newer one replaced is not "expiring".
 */
export interface CurrentRecords {
  vetting: { id: string; userId: string; disclosureType: string; disclosureLabel: string; reference: string; issuedOn: string; renewBy: string | null }[];
  clearances: { id: string; userId: string; prisonId: string; prisonName: string; clearedOn: string; expiresOn: string }[];
  training: { id: string; userId: string; course: string; completedOn: string; expiresOn: string | null }[];
}

const latestBy = <T>(rows: T[], key: (row: T) => string, order: (row: T) => string): T[] => {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const held = latest.get(key(row));
    if (!held || order(row) > order(held)) latest.set(key(row), row);
  }
  return [...latest.values()];
};

export async function currentRecords(ctx: SignedInCtx, userIds: string[]): Promise<CurrentRecords> {
  if (userIds.length === 0) return { vetting: [], clearances: [], training: [] };
  const programmeId = ctx.actor.programmeId;
  const [vetting, clearances, training] = await Promise.all([
    ctx.db
      .selectFrom('staff_vetting as v')
      .innerJoin('choice as c', (j) => j.onRef('c.programme_id', '=', 'v.programme_id').onRef('c.list', '=', 'v.disclosure_type_list').onRef('c.code', '=', 'v.disclosure_type'))
      .select(['v.id', 'v.user_id as userId', 'v.disclosure_type as disclosureType', 'c.label as disclosureLabel', 'v.reference', 'v.issued_on as issuedOn', 'v.renew_by as renewBy', 'v.created_at as createdAt'])
      .where('v.programme_id', '=', programmeId)
      .where('v.user_id', 'in', userIds)
      .where('v.entered_in_error_at', 'is', null)
      .execute(),
    ctx.db
      .selectFrom('prison_clearance as pc')
      .innerJoin('prison as p', (j) => j.onRef('p.programme_id', '=', 'pc.programme_id').onRef('p.id', '=', 'pc.prison_id'))
      .select(['pc.id', 'pc.user_id as userId', 'pc.prison_id as prisonId', 'p.name as prisonName', 'pc.cleared_on as clearedOn', 'pc.expires_on as expiresOn'])
      .where('pc.programme_id', '=', programmeId)
      .where('pc.user_id', 'in', userIds)
      .where('pc.entered_in_error_at', 'is', null)
      .execute(),
    ctx.db
      .selectFrom('staff_training')
      .select(['id', 'user_id as userId', 'course', 'completed_on as completedOn', 'expires_on as expiresOn'])
      .where('programme_id', '=', programmeId)
      .where('user_id', 'in', userIds)
      .where('entered_in_error_at', 'is', null)
      .execute(),
  ]);
  return {
    vetting: latestBy(vetting, (v) => v.userId, (v) => `${v.issuedOn}${v.createdAt.toISOString()}`).map(({ createdAt: _at, ...v }) => v),
    clearances: latestBy(clearances, (c) => `${c.userId}:${c.prisonId}`, (c) => c.expiresOn),
    training: latestBy(training, (t) => `${t.userId}:${t.course.toLowerCase()}`, (t) => t.completedOn),
  };
}

/** The programme's today and how many days ahead expiry is warned of (settings: staff_expiry_warning_days). */
export async function expiryWindow(ctx: SignedInCtx): Promise<{ today: string; warningDays: number }> {
  const programme = await ctx.db.selectFrom('programme').select('staff_expiry_warning_days as warningDays').where('id', '=', ctx.actor.programmeId).executeTakeFirstOrThrow();
  return { today: today(ctx.actor.timeZone), warningDays: programme.warningDays };
}
