import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { ROLES } from '../auth/roles.ts';
import { auditedDueList } from './due-page.ts';
import { SUPERVISION_STATUSES } from './overdue.ts';
import { staffParams, WELLBEING, type WellbeingCode } from './schemas.ts';
import { workerSupervision } from './worker.ts';

const tags = ['Supervision'];
const date = z.string().describe('YYYY-MM-DD');

const due = {
  lastHeldOn: date.nullable().describe('Their last session not entered in error'),
  dueOn: date.describe(
    'The next date set at their last session; else that session plus the interval; never supervised, their account’s creation plus the interval',
  ),
  status: z.enum(SUPERVISION_STATUSES).describe('overdue when today (the programme’s) is after dueOn'),
  statusText: z.string(),
};

const staff = { id: z.uuid(), name: z.string(), role: z.enum(ROLES), teamId: z.uuid().nullable(), teamName: z.string().nullable() };

const session = z.object({
  id: z.uuid(),
  heldOn: date,
  supervisorId: z.uuid(),
  supervisorName: z.string(),
  wellbeing: z.enum(Object.keys(WELLBEING) as [WellbeingCode, ...WellbeingCode[]]),
  wellbeingNote: z.string().nullable(),
  caseloadDiscussed: z.boolean(),
  caseloadNote: z.string().nullable(),
  actionsAgreed: z.string().nullable(),
  nextOn: date.nullable(),
  version: z.number().int(),
  enteredInErrorReason: z.string().nullable().describe('Set when it was entered in error: it counts nowhere'),
});

/** A worker's supervision sessions, and whose supervision is due, as JSON. */
export function supervisionApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get(
    '/api/v1/staff/:userId/supervision',
    {
      config: { access: 'supervision.read' },
      schema: {
        tags,
        summary: 'A worker’s supervision sessions that you may read (newest first), and when the next is due',
        description: 'Confidential to the worker, the supervisor who held each session and the programme’s managers.',
        params: staffParams,
        response: { 200: z.object({ staff: z.object(staff), ...due, sessions: z.array(session) }), ...problemResponses },
      },
    },
    async (request) => {
      const page = await workerSupervision(request.ctx as SignedInCtx, request.params.userId);
      const { id, name, role, teamId, teamName } = page.staff;
      return {
        staff: { id, name, role, teamId, teamName },
        lastHeldOn: page.due.lastHeldOn,
        dueOn: page.due.dueOn,
        status: page.due.status,
        statusText: page.due.statusText,
        sessions: page.sessions.map((s) => ({
          id: s.id,
          heldOn: s.heldOn,
          supervisorId: s.supervisorId,
          supervisorName: s.supervisorName,
          wellbeing: s.wellbeing,
          wellbeingNote: s.wellbeingNote,
          caseloadDiscussed: s.caseloadDiscussed,
          caseloadNote: s.caseloadNote,
          actionsAgreed: s.actionsAgreed,
          nextOn: s.nextOn,
          version: s.version,
          enteredInErrorReason: s.enteredInErrorReason,
        })),
      };
    },
  );

  api.get(
    '/api/v1/supervision/due',
    {
      config: { access: 'supervision.due' },
      schema: {
        tags,
        summary: 'Whose supervision is due or overdue: your team’s active members (team leaders), or every active member of staff (managers); dates only',
        response: { 200: z.object({ today: date, intervalWeeks: z.number().int(), staff: z.array(z.object({ ...staff, ...due })) }), ...problemResponses },
      },
    },
    async (request) => {
      const { rows, today, intervalWeeks } = await auditedDueList(request.ctx as SignedInCtx, { action: 'list', view: 'api' });
      return {
        today,
        intervalWeeks,
        staff: rows.map((r) => ({
          id: r.id,
          name: r.name,
          role: r.role,
          teamId: r.teamId,
          teamName: r.teamName,
          lastHeldOn: r.lastHeldOn,
          dueOn: r.dueOn,
          status: r.status,
          statusText: r.statusText,
        })),
      };
    },
  );
}
