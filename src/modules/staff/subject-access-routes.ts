import type { FastifyInstance } from 'fastify';
import { sendAttachment } from '../../http/attachment.ts';
import { today } from '../../http/date-fields.ts';
import { ctxOf, memberParams } from './form-route.ts';
import { LIVED_EXPERIENCE } from './schemas.ts';
import { staffSubjectAccess } from './subject-access.ts';

const PATH = '/admin/staff/:userId/subject-access';

/** A member of staff's subject access request, for administrators: a page and a JSON file. */
export function staffSubjectAccessRoutes(app: FastifyInstance) {
  app.get(PATH, { config: { access: 'exports.subjectAccess' }, schema: { params: memberParams } }, async (request, reply) => {
    const { userId } = memberParams.parse(request.params);
    const found = await staffSubjectAccess(ctxOf(request), userId, 'page');
    return reply.view('staff/views/subject-access.njk', { pageTitle: `Subject access: ${found.account.name}`, ...found, labels: LIVED_EXPERIENCE, jsonLink: `/admin/staff/${userId}/subject-access.json` });
  });

  app.get(`${PATH}.json`, { config: { access: 'exports.subjectAccess' }, schema: { params: memberParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { userId } = memberParams.parse(request.params);
    const found = await staffSubjectAccess(ctx, userId, 'json');
    return sendAttachment(reply, { filename: `staff-subject-access-${userId}-${today(ctx.actor.timeZone)}.json`, type: 'application/json; charset=utf-8', body: `${JSON.stringify(found, null, 2)}\n` });
  });
}
