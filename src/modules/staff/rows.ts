import type { SignedInCtx } from '../../http/context.ts';

/**
 * Every vetting check, prison clearance and training record of the workers named (those entered in
 * error included, with their reason): the one read that the record page, what is current (and so the
 * lists) and subject access share. Newest first; clearances by prison.
 */
export async function staffRecordRows(ctx: SignedInCtx, userIds: string[]) {
  const programmeId = ctx.actor.programmeId;
  const ids = userIds.length > 0 ? userIds : ['00000000-0000-0000-0000-000000000000'];
  const [vetting, clearances, training] = await Promise.all([
    ctx.db
      .selectFrom('staff_vetting as v')
      .innerJoin('choice as c', (j) => j.onRef('c.programme_id', '=', 'v.programme_id').onRef('c.list', '=', 'v.disclosure_type_list').onRef('c.code', '=', 'v.disclosure_type'))
      .select(['v.id', 'v.user_id as userId', 'v.disclosure_type as disclosureType', 'c.label as disclosureLabel', 'v.reference', 'v.issued_on as issuedOn', 'v.renew_by as renewBy'])
      .select(['v.version', 'v.created_at as createdAt', 'v.entered_in_error_reason as enteredInErrorReason'])
      .where((eb) => eb.and([eb('v.programme_id', '=', programmeId), eb('v.user_id', 'in', ids)]))
      .orderBy('v.issued_on', 'desc')
      .execute(),
    ctx.db
      .selectFrom('prison_clearance as pc')
      .innerJoin('prison as p', (j) => j.onRef('p.programme_id', '=', 'pc.programme_id').onRef('p.id', '=', 'pc.prison_id'))
      .select(['pc.id', 'pc.user_id as userId', 'pc.prison_id as prisonId', 'p.name as prisonName', 'pc.cleared_on as clearedOn', 'pc.expires_on as expiresOn'])
      .select(['pc.version', 'pc.entered_in_error_reason as enteredInErrorReason'])
      .where((eb) => eb.and([eb('pc.programme_id', '=', programmeId), eb('pc.user_id', 'in', ids)]))
      .orderBy('p.name')
      .orderBy('pc.expires_on', 'desc')
      .execute(),
    ctx.db
      .selectFrom('staff_training as t')
      .select(['t.id', 't.user_id as userId', 't.course', 't.completed_on as completedOn', 't.expires_on as expiresOn', 't.version', 't.entered_in_error_reason as enteredInErrorReason'])
      .where((eb) => eb.and([eb('t.programme_id', '=', programmeId), eb('t.user_id', 'in', ids)]))
      .orderBy('t.completed_on', 'desc')
      .execute(),
  ]);
  return { vetting, clearances, training };
}
