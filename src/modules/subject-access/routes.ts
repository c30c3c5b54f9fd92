import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAttachment } from '../../http/attachment.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { Services } from '../../services.ts';
import { audit } from '../audit/record.ts';
import { personAccess } from '../people/access.ts';
import { findInProgramme, interpretQuery } from '../people/queries.ts';
import { searchText } from '../people/schemas.ts';
import { formState } from '../../http/forms.ts';
import { auditTrail } from './audit-trail.ts';
import { personRecords } from './records.ts';
import { retentionDates } from '../retention/record-dates.ts';

const params = z.object({ personId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * A subject-access request: everything held on one person and who looked at their record, audited
 * as an export of the person (the audit trail it shows includes this request). A person of another
 * programme, merged away or unknown is "not found".
 */
async function subjectAccess(ctx: SignedInCtx, personId: string, format: 'page' | 'json') {
  const access = await personAccess(ctx, personId);
  if (!access || access.programmeId !== ctx.actor.programmeId) throw new NotFoundError();
  await audit(ctx, { action: 'export', recordType: 'person', recordId: personId, detail: { subjectAccess: format } });
  const records = await personRecords(ctx, personId);
  return { ...records, retention: await retentionDates(ctx, personId), auditTrail: await auditTrail(ctx, records), preparedAt: new Date() };
}

const findQuery = z.object({ q: searchText.optional() });

export function subjectAccessRoutes(app: FastifyInstance, _services: Services) {
  // Finding the subject: administrators have no caseload, so they search the whole programme here.
  app.get('/admin/subject-access', { config: { access: 'exports.subjectAccess' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const parsed = findQuery.safeParse(request.query);
    const q = parsed.success ? (parsed.data.q ?? '') : String((request.query as { q?: unknown }).q ?? '');
    const form = parsed.success ? formState({ q }) : formState({ q }, [{ field: 'q', message: parsed.error.issues[0]?.message ?? 'Check the search' }]);
    const query = parsed.success ? interpretQuery(q) : null;
    const people = query ? await findInProgramme(ctx.db, { programmeId: ctx.actor.programmeId, query }) : [];
    await audit(ctx, { action: 'list', recordType: 'person', detail: { subjectAccessSearch: Boolean(query), personIds: people.map((p) => p.id) } });
    return reply.code(parsed.success ? 200 : 400).view('subject-access/views/find.njk', { pageTitle: 'Subject access requests', form, searched: query !== null, people });
  });

  app.get('/people/:personId/subject-access', { config: { access: 'exports.subjectAccess' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    const found = await subjectAccess(ctxOf(request), personId, 'page');
    return reply.view('subject-access/views/subject-access.njk', {
      pageTitle: `Subject access: ${found.person.firstName} ${found.person.lastName}`,
      ...found,
      jsonLink: `/people/${personId}/subject-access.json`,
    });
  });

  app.get('/people/:personId/subject-access.json', { config: { access: 'exports.subjectAccess' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    const ctx = ctxOf(request);
    const found = await subjectAccess(ctx, personId, 'json');
    return sendAttachment(reply, {
      filename: `subject-access-${personId}-${today(ctx.actor.timeZone)}.json`,
      type: 'application/json; charset=utf-8',
      body: `${JSON.stringify(found, null, 2)}\n`,
    });
  });
}
