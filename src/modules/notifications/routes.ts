import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/form-submission.ts';
import { problemsOf } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { notificationApiRoutes } from './api-routes.ts';
import { followNotification, listNotifications, markAllRead, setEmailChoice } from './inbox.ts';
import { startNotifications } from './schedule.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });
const notificationParams = z.object({ notificationId: z.uuid() });
/** A checkbox: ticked sends "yes", unticked sends nothing. */
const emailChoiceForm = z.object({ emailNotifications: z.literal('yes', { error: 'Select whether you want e-mails' }).optional() });

/**
 * Each signed-in user's own notifications (nobody sees another's): the list, following one to its
 * referral (which marks it read), marking them all read, and choosing e-mails on the account page.
 * The words name the agency and what happened, never the client, so these pages read no person's
 * record and are not audited as such; the referral page a notification leads to is.
 */
export function notificationRoutes(app: FastifyInstance, services: Services) {
  const stop = startNotifications({ db: services.db, config: services.config.notifications, log: app.log });
  app.addHook('onClose', stop);
  notificationApiRoutes(app);

  app.get('/notifications', { config: { access: 'account.use' } }, async (request, reply) => {
    const { page } = listQuery.parse(request.query ?? {});
    const list = await listNotifications(ctxOf(request), page);
    return reply.view('notifications/views/list.njk', {
      pageTitle: page > 1 ? `Notifications (page ${page})` : 'Notifications',
      ...list,
      previous: page > 1 ? { href: `/notifications?page=${page - 1}`, text: 'Newer' } : null,
      next: list.hasNext ? { href: `/notifications?page=${page + 1}`, text: 'Older' } : null,
    });
  });

  app.get('/notifications/:notificationId', { config: { access: 'account.use' }, schema: { params: notificationParams } }, async (request, reply) => {
    const { notificationId } = notificationParams.parse(request.params);
    const href = await followNotification(ctxOf(request), notificationId);
    if (href) return reply.redirect(href);
    // Another user's, or none: said the same way, so that nobody learns which ids exist.
    await flash(request, 'That notification was not found among yours. Here are your notifications.');
    return reply.redirect('/notifications');
  });

  app.post('/notifications/read', { config: { access: 'account.use' } }, async (request, reply) => {
    const marked = await markAllRead(ctxOf(request));
    await flash(request, marked === 0 ? 'You had no unread notifications' : `${marked} ${marked === 1 ? 'notification' : 'notifications'} marked as read`);
    return reply.redirect('/notifications');
  });

  app.post('/account/notifications', { config: { access: 'account.use' } }, async (request, reply) => {
    const parsed = emailChoiceForm.safeParse(request.body ?? {});
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
    const on = parsed.data.emailNotifications === 'yes';
    await setEmailChoice(ctxOf(request), on);
    await flash(request, on ? 'You will get an e-mail for each notification' : 'You will not get e-mails about notifications');
    return reply.redirect('/account');
  });
}
