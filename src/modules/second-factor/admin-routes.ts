import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../http/access.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { flash, submitForm } from '../../http/form-submission.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { getUser } from '../users/service.ts';
import { settingForm } from './schemas.ts';
import { resetSecondFactor } from './service.ts';
import { secondFactorStatus } from '../auth/second-factor-requirement.ts';
import { getSetting, saveSetting } from './settings.ts';

const userParams = z.object({ userId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** An administrator's pages: reset a user's second factor (a lost phone), and the programme's setting. */
export function secondFactorAdminRoutes(app: FastifyInstance, services: Services) {
  const byDefault = services.config.environment === 'production';

  app.get('/admin/users/:userId/second-factor/reset', { config: { access: 'secondFactor.reset' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const ctx = ctxOf(request);
    const user = await getUser({ ctx, userId });
    await authorize(ctx, 'secondFactor.reset', { kind: 'user', id: user.id, programmeId: ctx.actor.programmeId });
    const status = await secondFactorStatus(ctx.db, user.id);
    return reply.view('second-factor/views/reset.njk', { pageTitle: `Reset the second factor of ${user.displayName}`, user, status });
  });

  app.post('/admin/users/:userId/second-factor/reset', { config: { access: 'secondFactor.reset' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const ctx = ctxOf(request);
    const user = await getUser({ ctx, userId, audited: false });
    await authorize(ctx, 'secondFactor.reset', { kind: 'user', id: user.id, programmeId: ctx.actor.programmeId });
    await resetSecondFactor(ctx, user.id);
    await flash(request, `${user.displayName}’s second factor has been reset and their sessions ended. They set up a new one when they next sign in`);
    return reply.redirect(`/admin/users/${user.id}`);
  });

  const renderSetting = (form: ReturnType<typeof formState>) => ({
    pageTitle: 'Second factor at sign-in',
    form,
    byDefault,
    environment: services.config.environment,
  });

  app.get('/admin/settings/second-factor', { config: { access: 'settings.manage' } }, async (request, reply) =>
    reply.view('second-factor/views/setting.njk', renderSetting(formState({ secondFactorRequired: await getSetting(ctxOf(request)) }))),
  );

  app.post('/admin/settings/second-factor', { config: { access: 'settings.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: settingForm,
      render: (form, status) => reply.code(status).view('second-factor/views/setting.njk', renderSetting(form)),
      work: async ({ secondFactorRequired }) => {
        await saveSetting(ctxOf(request), secondFactorRequired);
        return { redirectTo: '/admin/settings', success: 'Second factor setting saved' };
      },
    }),
  );
}
