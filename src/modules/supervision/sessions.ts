import { sql, type UpdateObject } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Resource } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import type { SessionInput } from './schemas.ts';
import { findStaffMember, staffResource, type StaffMember } from '../staff/member.ts';

/** A supervision session as the pages and API show it. */
export interface Session {
  id: string;
  superviseeId: string;
  supervisorId: string;
  supervisorName: string;
  heldOn: string;
  wellbeing: SessionInput['wellbeing'];
  wellbeingNote: string | null;
  caseloadDiscussed: boolean;
  caseloadNote: string | null;
  actionsAgreed: string | null;
  nextOn: string | null;
  version: number;
  enteredInErrorReason: string | null;
}

/** The sessions of the actor's programme with their supervisor's name, the table as `s`. */
export function selectSessions(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('supervision as s')
    .innerJoin('app_user as sv', (join) => join.onRef('sv.programme_id', '=', 's.programme_id').onRef('sv.id', '=', 's.supervisor_id'))
    .select([
      's.id',
      's.supervisee_id as superviseeId',
      's.supervisor_id as supervisorId',
      'sv.display_name as supervisorName',
      's.held_on as heldOn',
      's.wellbeing',
      's.wellbeing_note as wellbeingNote',
      's.caseload_discussed as caseloadDiscussed',
      's.caseload_note as caseloadNote',
      's.actions_agreed as actionsAgreed',
      's.next_on as nextOn',
      's.version',
      's.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('s.programme_id', '=', ctx.actor.programmeId);
}

export const sessionResource = (ctx: SignedInCtx, session: Session): Resource => ({
  kind: 'supervision',
  id: session.id,
  programmeId: ctx.actor.programmeId,
  superviseeId: session.superviseeId,
  supervisorId: session.supervisorId,
});

/**
 * One session of a worker, for someone allowed `action` on it (reading, or correcting it): not found
 * when the worker has no such session; refused (and the refusal audited) otherwise.
 */
export async function sessionFor(ctx: SignedInCtx, props: { userId: string; sessionId: string; action: 'supervision.read' | 'supervision.correct' }) {
  const staff = await findStaffMember(ctx, props.userId);
  const session = await selectSessions(ctx).where('s.supervisee_id', '=', staff.id).where('s.id', '=', props.sessionId).executeTakeFirst();
  if (!session) throw new NotFoundError();
  await authorize(ctx, props.action, sessionResource(ctx, session));
  if (props.action === 'supervision.correct' && session.enteredInErrorReason !== null) {
    throw new ValidationError([{ field: 'form', message: 'This session was marked entered in error, so it cannot be changed' }]);
  }
  return { staff, session };
}

/** Audits a read of a worker's supervision (a session, or the list of them): the worker named for their subject access. */
export const auditSupervision = (
  ctx: SignedInCtx,
  props: { action: 'read' | 'list'; superviseeId: string; sessionId?: string; detail?: Record<string, unknown> },
) =>
  audit(ctx, {
    action: props.action,
    recordType: 'supervision',
    recordId: props.sessionId ?? null,
    detail: { superviseeId: props.superviseeId, ...props.detail },
  });

/** A session's fields, as entered (optional ones left out) or as stored (null). */
type SessionFields = Pick<SessionInput, 'heldOn' | 'wellbeing' | 'caseloadDiscussed'> & {
  [K in 'wellbeingNote' | 'caseloadNote' | 'actionsAgreed' | 'nextOn']?: string | null;
};

const columnsOf = (input: SessionFields) => ({
  held_on: input.heldOn,
  wellbeing: input.wellbeing,
  wellbeing_note: input.wellbeingNote ?? null,
  caseload_discussed: input.caseloadDiscussed,
  caseload_note: input.caseloadNote ?? null,
  actions_agreed: input.actionsAgreed ?? null,
  next_on: input.nextOn ?? null,
});

/** Records a session held by the actor with a worker they may supervise (who must still be active). */
export async function recordSession(ctx: SignedInCtx, props: { staff: StaffMember; input: SessionInput }): Promise<string> {
  await authorize(ctx, 'supervision.record', staffResource(props.staff));
  if (!props.staff.active)
    throw new ValidationError([{ field: 'form', message: `${props.staff.name}’s account is deactivated, so no new session can be recorded` }]);
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('supervision')
      .values({ programme_id: tx.actor.programmeId, supervisee_id: props.staff.id, supervisor_id: tx.actor.userId, ...columnsOf(props.input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'supervision', recordId: id, detail: { superviseeId: props.staff.id } });
    return id;
  });
}

/** Inside a transaction: changes a session not entered in error from `version` (a new version); false when the version is stale. */
async function updateSession(tx: SignedInCtx, props: { session: Session; version: number; set: UpdateObject<Database, 'supervision'> }): Promise<boolean> {
  const result = await tx.db
    .updateTable('supervision')
    .set({ ...props.set, version: sql`version + 1`, updated_at: sql`now()`, updated_by: tx.actor.userId })
    .where('programme_id', '=', tx.actor.programmeId)
    .where('id', '=', props.session.id)
    .where('version', '=', props.version)
    .where('entered_in_error_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Corrects a session from the version read (its supervisor only, checked by sessionFor): the fields changed are audited. */
export async function correctSession(ctx: SignedInCtx, props: { session: Session; version: number; input: SessionInput }): Promise<string[]> {
  const changes = columnsOf(props.input);
  const before = columnsOf(props.session);
  const fields = (Object.keys(changes) as (keyof typeof changes)[]).filter((column) => changes[column] !== before[column]);
  await inTransaction(ctx, async (tx) => {
    if (!(await updateSession(tx, { ...props, set: changes })))
      throw new ConflictError('Someone else changed this session while you were editing it, so your correction was not saved.');
    await audit(tx, { action: 'update', recordType: 'supervision', recordId: props.session.id, detail: { superviseeId: props.session.superviseeId, fields } });
  });
  return fields;
}

/** Marks a session entered in error with the reason, from the version read: kept, shown struck through, counted nowhere. */
export async function markSessionInError(ctx: SignedInCtx, props: { session: Session; version: number; reason: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const set = { entered_in_error_at: sql<Date>`now()`, entered_in_error_by: tx.actor.userId, entered_in_error_reason: props.reason };
    if (!(await updateSession(tx, { ...props, set })))
      throw new ConflictError('Someone else changed this session while you were looking at it, so it was not marked.');
    await audit(tx, {
      action: 'update',
      recordType: 'supervision',
      recordId: props.session.id,
      detail: { superviseeId: props.session.superviseeId, enteredInError: true },
    });
  });
}
