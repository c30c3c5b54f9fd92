import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { roleName } from '../auth/roles.ts';
import { audit } from '../audit/record.ts';
import { expiryWindow } from './current.ts';
import { readLivedExperience } from './lived-experience.ts';
import { staffMember, staffResource } from './member.ts';
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
  const programmeId = ctx.actor.programmeId;
  const [vetting, clearances, training] = await Promise.all([
    ctx.db
      .selectFrom('staff_vetting as v')
      .innerJoin('choice as c', (j) => j.onRef('c.programme_id', '=', 'v.programme_id').onRef('c.list', '=', 'v.disclosure_type_list').onRef('c.code', '=', 'v.disclosure_type'))
      .select(['v.id', 'v.disclosure_type as disclosureType', 'c.label as disclosureLabel', 'v.reference', 'v.issued_on as issuedOn', 'v.renew_by as renewBy', 'v.version', 'v.entered_in_error_reason as enteredInErrorReason'])
      .where('v.programme_id', '=', programmeId)
      .where('v.user_id', '=', member.id)
      .orderBy('v.issued_on', 'desc')
      .execute(),
    ctx.db
      .selectFrom('prison_clearance as pc')
      .innerJoin('prison as p', (j) => j.onRef('p.programme_id', '=', 'pc.programme_id').onRef('p.id', '=', 'pc.prison_id'))
      .select(['pc.id', 'pc.prison_id as prisonId', 'p.name as prisonName', 'pc.cleared_on as clearedOn', 'pc.expires_on as expiresOn', 'pc.version', 'pc.entered_in_error_reason as enteredInErrorReason'])
      .where('pc.programme_id', '=', programmeId)
      .where('pc.user_id', '=', member.id)
      .orderBy('p.name')
      .orderBy('pc.expires_on', 'desc')
      .execute(),
    ctx.db
      .selectFrom('staff_training')
      .select(['id', 'course', 'completed_on as completedOn', 'expires_on as expiresOn', 'version', 'entered_in_error_reason as enteredInErrorReason'])
      .where('programme_id', '=', programmeId)
      .where('user_id', '=', member.id)
      .orderBy('completed_on', 'desc')
      .execute(),
  ]);
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
