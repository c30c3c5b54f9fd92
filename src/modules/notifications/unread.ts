import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the header and the account page show of a signed-in user's notifications. */
export interface HeaderNotifications {
  unread: number;
  emailNotifications: boolean;
}

/**
 * The unread count of the user row `u` (app_user as u), as a column of a query of that row: the
 * session's lookup reads it for every page (auth/sessions.ts), the API with the user (inbox.ts).
 */
export const unreadOfUser = (eb: ExpressionBuilder<Database & { u: Database['app_user'] }, 'u'>) =>
  eb
    .selectFrom('notification as n')
    .select(sql<number>`count(*)::int`.as('unread'))
    .whereRef('n.programme_id', '=', 'u.programme_id')
    .whereRef('n.user_id', '=', 'u.id')
    .where('n.read_at', 'is', null)
    .as('unread');
