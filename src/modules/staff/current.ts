import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { getRules } from '../settings/service.ts';
import { staffRecordRows } from './rows.ts';

/**
 * What is current on workers' staff records (entries in error left out): each worker's latest
 * vetting check (by issue date), their latest clearance for each prison (by expiry) and their latest
 * training in each course (by completion). An older check that a newer one replaced is not "expiring".
 */
const latestBy = <T extends { enteredInErrorReason: string | null }>(rows: T[], key: (row: T) => string, order: (row: T) => string): T[] => {
  const latest = new Map<string, T>();
  for (const row of rows.filter((r) => r.enteredInErrorReason === null)) {
    const held = latest.get(key(row));
    if (!held || order(row) > order(held)) latest.set(key(row), row);
  }
  return [...latest.values()];
};

export async function currentRecords(ctx: SignedInCtx, userIds: string[]) {
  const rows = await staffRecordRows(ctx, userIds);
  return {
    vetting: latestBy(rows.vetting, (v) => v.userId, (v) => `${v.issuedOn}${v.createdAt.toISOString()}`),
    clearances: latestBy(rows.clearances, (c) => `${c.userId}:${c.prisonId}`, (c) => c.expiresOn),
    training: latestBy(rows.training, (t) => `${t.userId}:${t.course.toLowerCase()}`, (t) => t.completedOn),
  };
}

/** The programme's today and how many days ahead expiry is warned of (settings: staff_expiry_warning_days). */
export async function expiryWindow(ctx: SignedInCtx): Promise<{ today: string; warningDays: number }> {
  const rules = await getRules(ctx);
  return { today: today(ctx.actor.timeZone), warningDays: rules.staffExpiryWarningDays };
}
