import { sql } from 'kysely';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { endNotBeforeStart, gatherDateParts, periodForm, periodQuery } from '../../http/date-fields.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';

const otherFilters = {
  actorUserId: z.uuid({ error: 'Select a user' }).optional(),
  action: z.string().trim().max(40).optional(),
  recordType: z.string().trim().max(40).optional(),
  recordId: z.string().trim().max(100).optional(),
  before: z.coerce.number().int().positive().optional(),
};

/** Filters for the audit log (API); dates are calendar days in the programme's time zone. */
export const auditFilterSchema = z.object({ ...periodQuery, ...otherFilters }).refine(...endNotBeforeStart);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The page's filter: the same, with GOV.UK date inputs (from-day, from-month, from-year...). */
export const auditFilterForm = z.object({ ...periodForm(), ...otherFilters }).refine(...endNotBeforeStart);

/** Blank filter fields arrive as ''; they mean "any". */
const dropBlanks = (query: unknown) =>
  Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== '' && value !== undefined));

/** The page's (and its downloads') querystring, checked: the filter, or the form with its errors. */
export function readAuditQuery(query: unknown): { values: Record<string, unknown>; form: FormState; filter?: AuditFilter } {
  const values = dropBlanks(query);
  const parsed = parseForm(auditFilterForm, gatherDateParts(values, ['from', 'to']));
  return parsed.ok ? { values, form: formState(values), filter: parsed.data } : { values, form: parsed.form };
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, `limit` at a time (a page's worth unless told): `before` is the id of the last event on the previous page. */
export async function listAuditEvents(props: { ctx: SignedInCtx; filter: AuditFilter; limit?: number }) {
  const { ctx, filter, limit = AUDIT_PAGE_SIZE } = props;
  const zone = ctx.actor.timeZone;
  const rows = await ctx.db
    .selectFrom('audit_event')
    .select(['id', 'occurred_at', 'actor_user_id', 'actor_label', 'action', 'record_type', 'record_id', 'address', 'request_id', 'detail'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .$if(filter.from !== undefined, (q) => q.where('occurred_at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone ${zone}`))
    .$if(filter.to !== undefined, (q) => q.where('occurred_at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone ${zone}`))
    .$if(filter.actorUserId !== undefined, (q) => q.where('actor_user_id', '=', filter.actorUserId as string))
    .$if(Boolean(filter.action), (q) => q.where('action', '=', filter.action as string))
    .$if(Boolean(filter.recordType), (q) => q.where('record_type', '=', filter.recordType as string))
    .$if(Boolean(filter.recordId), (q) => q.where('record_id', '=', filter.recordId as string))
    .$if(filter.before !== undefined, (q) => q.where('id', '<', filter.before as number))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const events = rows.slice(0, limit);
  const nextBefore = rows.length > limit ? events.at(-1)?.id : undefined;
  return { events, nextBefore };
}

/** The distinct actions and record types seen, for the filter's choices. */
export async function auditFilterChoices(ctx: SignedInCtx) {
  const [actions, recordTypes, users] = await Promise.all([
    ctx.db.selectFrom('audit_event').select('action').distinct().where('programme_id', '=', ctx.actor.programmeId).orderBy('action').execute(),
    ctx.db
      .selectFrom('audit_event')
      .select('record_type')
      .distinct()
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('record_type', 'is not', null)
      .orderBy('record_type')
      .execute(),
    ctx.db.selectFrom('app_user').select(['id', 'display_name']).where('programme_id', '=', ctx.actor.programmeId).orderBy('display_name').execute(),
  ]);
  return {
    actions: actions.map((row) => row.action),
    recordTypes: recordTypes.map((row) => row.record_type as string),
    users,
  };
}
