import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { supervisionsVisibleTo } from './access.ts';
import { workerDue } from './due.ts';
import { auditSupervision, selectSessions, sessionFor, sessionResource } from './sessions.ts';
import { staffMember, staffResource } from '../staff/member.ts';

/**
 * A worker's supervision for someone who may read it (themselves, whoever may supervise them, a
 * manager): the sessions the actor may read, newest first (a team leader does not see sessions another
 * supervisor held), when the next is due, and whether the actor may record one. Audited as a list.
 */
export async function workerSupervision(ctx: SignedInCtx, userId: string) {
  const staff = await staffMember(ctx, userId, 'supervision.read');
  const resource = staffResource(staff);
  const [sessions, due] = await Promise.all([
    selectSessions(ctx)
      .where('s.supervisee_id', '=', staff.id)
      .where(supervisionsVisibleTo(ctx.actor))
      .orderBy('s.held_on', 'desc')
      .orderBy('s.created_at', 'desc')
      .execute(),
    workerDue(ctx, staff.id),
  ]);
  await auditSupervision(ctx, { action: 'list', superviseeId: staff.id, detail: { sessionIds: sessions.map((session) => session.id) } });
  return {
    staff,
    due,
    sessions: sessions.map((session) => ({
      ...session,
      mayCorrect: session.enteredInErrorReason === null && can(ctx.actor, 'supervision.correct', sessionResource(ctx, session)),
    })),
    mayRecord: staff.active && can(ctx.actor, 'supervision.record', resource),
  };
}

/** One session, for someone who may read it; audited as a read. */
export async function sessionPage(ctx: SignedInCtx, props: { userId: string; sessionId: string }) {
  const { staff, session } = await sessionFor(ctx, { ...props, action: 'supervision.read' });
  await auditSupervision(ctx, { action: 'read', superviseeId: staff.id, sessionId: session.id });
  return { staff, session, mayCorrect: session.enteredInErrorReason === null && can(ctx.actor, 'supervision.correct', sessionResource(ctx, session)) };
}
