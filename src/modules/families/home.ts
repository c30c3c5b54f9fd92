import type { SignedInCtx } from '../../http/context.ts';
import { listFamilies } from './queries.ts';

/** The most families the home page and caseload show, with a link to them all (as the home page's lists do). */
const LIST_LIMIT = 20;

/**
 * The families a co-ordinator works with (coordinator_id = them), for their home page and caseload:
 * null for every other role. Audited as a list like the page of families.
 */
export async function coordinatorFamilies(ctx: SignedInCtx, view: 'home' | 'caseload') {
  if (ctx.actor.role !== 'family_support_coordinator') return null;
  const { families, total } = await listFamilies(ctx, { q: '', mine: true, page: 1, limit: LIST_LIMIT, view });
  return { families, total, more: total > families.length };
}
