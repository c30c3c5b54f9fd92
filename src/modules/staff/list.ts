import type { SignedInCtx } from '../../http/context.ts';
import { audit } from '../audit/record.ts';
import type { Role } from '../auth/roles.ts';
import { currentRecords, expiryWindow } from './current.ts';
import { selectStaff } from './member.ts';
import { expiryTag, vettingTag } from './status.ts';

const NO_TEAM = '00000000-0000-0000-0000-000000000000';

/**
 * The active staff an actor looks after: a team leader their own team; managers and
 * administrators everyone, or one team (`teamId`). Partner agencies' users are not staff.
 */
async function staffInScope(ctx: SignedInCtx, teamId?: string) {
  const team = ctx.actor.role === 'team_leader' ? (ctx.actor.teamId ?? NO_TEAM) : teamId;
  return selectStaff(ctx)
    .where('u.active', '=', true)
    .$if(team !== undefined, (q) => q.where('u.team_id', '=', team ?? NO_TEAM))
    .orderBy('u.display_name')
    .execute();
}

/** The staff list: each worker's vetting and their soonest-expiring prison clearance (audited as a list of them). */
export async function listStaff(ctx: SignedInCtx, filter: { teamId?: string }) {
  const [staff, window] = await Promise.all([staffInScope(ctx, filter.teamId), expiryWindow(ctx)]);
  const current = await currentRecords(ctx, staff.map((s) => s.id));
  await audit(ctx, { action: 'list', recordType: 'staff', detail: { userIds: staff.map((s) => s.id) } });
  return staff.map((s) => {
    const clearances = current.clearances.filter((c) => c.userId === s.id).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
    const soonest = clearances[0];
    return {
      id: s.id,
      name: s.name,
      role: s.role as Role,
      teamName: s.teamName,
      vetting: vettingTag(current.vetting.find((v) => v.userId === s.id), window),
      clearances: clearances.length,
      soonestClearance: soonest ? { prisonName: soonest.prisonName, expiresOn: soonest.expiresOn, tag: expiryTag(soonest.expiresOn, window) } : null,
    };
  });
}

interface ExpiringRow {
  userId: string;
  name: string;
  teamName: string | null;
  what: string;
  kind: 'vetting' | 'clearances' | 'training';
  date: string;
  tag: ReturnType<typeof expiryTag>;
}

/**
 * Vetting renewals, prison clearances and training already expired or expiring within the
 * programme's warning days, of what is current (entries in error and replaced checks left out):
 * a team leader's team, or everyone for administrators. Soonest first.
 */
async function findExpiring(ctx: SignedInCtx): Promise<{ rows: ExpiringRow[]; warningDays: number }> {
  const [staff, window] = await Promise.all([staffInScope(ctx), expiryWindow(ctx)]);
  const current = await currentRecords(ctx, staff.map((s) => s.id));
  const dated = [
    ...current.vetting.map((v) => ({ userId: v.userId, kind: 'vetting' as const, what: `Vetting: ${v.disclosureLabel}`, date: v.renewBy })),
    ...current.clearances.map((c) => ({ userId: c.userId, kind: 'clearances' as const, what: `Clearance for ${c.prisonName}`, date: c.expiresOn })),
    ...current.training.map((t) => ({ userId: t.userId, kind: 'training' as const, what: `Training: ${t.course}`, date: t.expiresOn })),
  ];
  const rows = dated
    .flatMap((d) => {
      const tag = expiryTag(d.date, window);
      const who = staff.find((s) => s.id === d.userId);
      return d.date !== null && who && (tag.state === 'expired' || tag.state === 'expires-soon') ? [{ ...d, date: d.date, tag, name: who.name, teamName: who.teamName }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
  return { rows, warningDays: window.warningDays };
}

/** The expiring checks' page: audited as a list of the workers it names. */
export async function expiringChecks(ctx: SignedInCtx) {
  const found = await findExpiring(ctx);
  await audit(ctx, { action: 'list', recordType: 'staff', detail: { expiring: true, userIds: [...new Set(found.rows.map((r) => r.userId))] } });
  return found;
}

const EXPIRING_PATH = '/staff/expiring';

/**
 * A home page's links, the one to what expires with how many checks are expired or expiring (the
 * links are those the actor may follow; not audited: it names no one).
 */
export async function withExpiringCount<T extends { href: string }>(ctx: SignedInCtx, links: T[]): Promise<(T & { count?: number })[]> {
  if (!links.some((link) => link.href === EXPIRING_PATH)) return links;
  const count = (await findExpiring(ctx)).rows.length;
  return links.map((link) => (link.href === EXPIRING_PATH ? { ...link, count } : link));
}
