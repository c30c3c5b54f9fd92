import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { roleName } from '../auth/roles.ts';
import { audit } from '../audit/record.ts';
import { expiryWindow } from './current.ts';
import { readLivedExperience } from './lived-experience.ts';
import { staffMember, staffResource } from './member.ts';
import { staffRecordRows } from './rows.ts';
import { expiryTag } from './status.ts';

/**
 * One worker's staff record as its page and the API show it: every check (those in error kept, struck
 * through), each with where it stands; their lived experience only for those who may read it. Audited.
 */
export async function staffRecordPage(ctx: SignedInCtx, userId: string) {
  const member = await staffMember(ctx, userId, 'staff.read');
  const resource = staffResource(member);
  await audit(ctx, { action: 'read', recordType: 'staff', recordId: member.id });
  const window = await expiryWindow(ctx);
  const tag = (date: string | null, reason: string | null) => (reason === null ? expiryTag(date, window) : null);
  const { vetting, clearances, training } = await staffRecordRows(ctx, [member.id]);
  const mayReadLivedExperience = can(ctx.actor, 'livedExperience.read', resource);
  return {
    member: { ...member, roleName: roleName(member.role) },
    vetting: vetting.map((v) => ({ ...v, tag: tag(v.renewBy, v.enteredInErrorReason) })),
    clearances: clearances.map((c) => ({ ...c, tag: tag(c.expiresOn, c.enteredInErrorReason) })),
    training: training.map((t) => ({ ...t, tag: tag(t.expiresOn, t.enteredInErrorReason) })),
    warningDays: window.warningDays,
    mayKeep: can(ctx.actor, 'staff.keep', resource),
    mayReadLivedExperience,
    livedExperience: mayReadLivedExperience ? await readLivedExperience(ctx, member) : null,
    mayReadSupervision: can(ctx.actor, 'supervision.read', resource),
  };
}
