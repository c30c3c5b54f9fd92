import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { roleName } from '../auth/roles.ts';
import { staffAuditTrail } from './audit-trail.ts';
import { staffRecordRows } from './rows.ts';

/**
 * Subject access for a member of staff: everything the programme holds on them as staff, read
 * directly (as the person export reads every module): their account, supervision sessions about
 * them, their lived experience, vetting, prison clearances and training, those in error included,
 * and who looked at or changed them (staffAuditTrail). Audited as an export of the user.
 */
export async function staffSubjectAccess(ctx: SignedInCtx, userId: string, format: 'page' | 'json') {
  const programmeId = ctx.actor.programmeId;
  const account = await ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (j) => j.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select(['u.id', 'u.display_name as name', 'u.email', 'u.role', 't.name as teamName', 'u.active', 'u.created_at as createdAt', 'u.last_signed_in_at as lastSignedInAt', 'u.email_notifications as emailNotifications'])
    .where('u.programme_id', '=', programmeId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!account) throw new NotFoundError();
  await audit(ctx, { action: 'export', recordType: 'user', recordId: account.id, detail: { subjectAccess: format, staff: true } });
  const [supervision, livedExperience, records, auditTrail] = await Promise.all([
    ctx.db
      .selectFrom('supervision as s')
      .leftJoin('app_user as sv', (j) => j.onRef('sv.programme_id', '=', 's.programme_id').onRef('sv.id', '=', 's.supervisor_id'))
      .select([
        's.id', 's.held_on as heldOn', 'sv.display_name as supervisor', 's.wellbeing', 's.wellbeing_note as wellbeingNote', 's.caseload_discussed as caseloadDiscussed',
        's.caseload_note as caseloadNote', 's.actions_agreed as actionsAgreed', 's.next_on as nextOn', 's.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('s.programme_id', '=', programmeId)
      .where('s.supervisee_id', '=', account.id)
      .orderBy('s.held_on', 'desc')
      .execute(),
    ctx.db.selectFrom('staff_lived_experience').select(['experience', 'note', 'created_at as givenAt']).where('programme_id', '=', programmeId).where('user_id', '=', account.id).executeTakeFirst(),
    staffRecordRows(ctx, [account.id]),
    staffAuditTrail(ctx, account.id),
  ]);
  return { account: { ...account, roleName: roleName(account.role) }, supervision, livedExperience: livedExperience ?? null, ...records, auditTrail, preparedAt: new Date() };
}
