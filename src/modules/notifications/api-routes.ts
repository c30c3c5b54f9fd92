import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { headerNotifications, listNotifications, markAllRead } from './inbox.ts';

const tags = ['Notifications'];
const notificationJson = z.object({
  id: z.uuid(),
  kind: z.enum(['referral_sent', 'referral_updated', 'coach_note', 'referral_answered', 'agency_note', 'referral_overdue']),
  text: z.string().describe('What happened, in words: the agency and the step, never the client'),
  createdAt: z.date(),
  unread: z.boolean(),
  referralId: z.uuid(),
  referralPath: z.string().describe('The page of the referral: the coach’s on the sign-up, or the agency portal’s'),
  enteredInError: z.boolean().describe('The referral was later marked entered in error: it counts nowhere'),
});

/** The same notifications as the pages, for a program acting as the user (each user's own only). */
export function notificationApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get(
    '/api/v1/notifications',
    {
      config: { access: 'account.use' },
      schema: {
        tags,
        summary: 'Your notifications, newest first, a page of 25 at a time, and how many are unread',
        querystring: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
        response: {
          200: z.object({ unread: z.number().int(), page: z.number().int(), hasNext: z.boolean(), notifications: z.array(notificationJson) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const ctx = request.ctx as SignedInCtx;
      const [{ unread }, list] = await Promise.all([headerNotifications(ctx.db, ctx.actor), listNotifications(ctx, request.query.page)]);
      return { unread, page: list.page, hasNext: list.hasNext, notifications: list.items };
    },
  );

  api.post(
    '/api/v1/notifications/read',
    {
      config: { access: 'account.use' },
      schema: { tags, summary: 'Mark all your notifications read', response: { 200: z.object({ marked: z.number().int() }), ...problemResponses } },
    },
    async (request) => ({ marked: await markAllRead(request.ctx as SignedInCtx) }),
  );
}
