import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { formState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import { activeChoices } from '../reference/service.ts';
import { staffApiRoutes } from './api-routes.ts';
import { ctxOf, memberParams, staffRecordFormRoutes } from './form-route.ts';
import { expiringChecks, listStaff } from './list.ts';
import { livedExperienceRoutes } from './lived-experience-routes.ts';
import { LIVED_EXPERIENCE, staffListQuery } from './schemas.ts';
import { staffRecordPage } from './record-page.ts';
import { staffSubjectAccessRoutes } from './subject-access-routes.ts';

/** Staff records: the staff list, what expires soon, one worker's record and its forms, lived experience, subject access, the API. */
export function staffRoutes(app: FastifyInstance, _services: Services) {
  app.get('/staff', { config: { access: 'staff.list' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const parsed = staffListQuery.safeParse(request.query ?? {});
    const teamId = parsed.success ? parsed.data.teamId : undefined;
    const byTeam = ctx.actor.role !== 'team_leader';
    const values = { teamId: String((request.query as { teamId?: unknown } | undefined)?.teamId ?? '') };
    const form = parsed.success ? formState(values) : formState(values, [{ field: 'teamId', message: 'Select a team from the list' }]);
    return reply.code(parsed.success ? 200 : 400).view('staff/views/list.njk', {
      pageTitle: byTeam ? 'Staff' : 'Your team’s staff',
      staff: parsed.success ? await listStaff(ctx, { teamId }) : [],
      form,
      teams: byTeam ? await activeChoices(ctx, { table: 'team', selected: teamId, empty: 'All teams' }) : null,
      maySeeSupervision: can(ctx.actor, 'supervision.due'),
      maySeeExpiring: can(ctx.actor, 'staff.expiring'),
    });
  });

  app.get('/staff/expiring', { config: { access: 'staff.expiring' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { rows, warningDays } = await expiringChecks(ctx);
    return reply.view('staff/views/expiring.njk', { pageTitle: 'Vetting, clearances and training expiring', rows, warningDays, everyone: ctx.actor.role === 'administrator' });
  });

  app.get('/staff/:userId', { config: { access: 'staff.read' }, schema: { params: memberParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const page = await staffRecordPage(ctx, memberParams.parse(request.params).userId);
    return reply.view('staff/views/record.njk', {
      pageTitle: page.member.id === ctx.actor.userId ? 'Your staff record' : `Staff record: ${page.member.name}`,
      own: page.member.id === ctx.actor.userId,
      livedExperienceLabels: LIVED_EXPERIENCE,
      ...page,
    });
  });

  staffRecordFormRoutes(app);
  livedExperienceRoutes(app);
  staffSubjectAccessRoutes(app);
  staffApiRoutes(app);
}
