import type { SignedInCtx } from '../../http/context.ts';
import { auditedDueList } from './due-page.ts';

/**
 * The team leader's home page panel "Supervision overdue": the members of their team whose
 * supervision is overdue (dates only), linking to the full list. Null for every other role.
 */
export async function overdueSupervision(ctx: SignedInCtx) {
  if (ctx.actor.role !== 'team_leader') return null;
  const { rows } = await auditedDueList(ctx, { action: 'list', view: 'home' });
  return { overdue: rows.filter((row) => row.status === 'overdue') };
}
