import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import type { Download } from '../../http/downloads.ts';
import { audit } from '../audit/record.ts';
import { roleName } from '../auth/roles.ts';
import { userStatus } from './presenter.ts';
import { userListQuery } from './schemas.ts';
import { listUsers } from './service.ts';

export const USERS_PATH = '/admin/users';

/**
 * The users list as the page filters it, without the page's limit. Listing users is audited as the
 * page audits it (listUsers), and the download as an export; the search text is never recorded.
 */
export async function usersDownload(props: { ctx: SignedInCtx; query: unknown }): Promise<Download> {
  const { ctx } = props;
  const filter = userListQuery.parse(props.query);
  const users = await listUsers({ ctx, filter, limit: null });
  await audit(ctx, {
    action: 'export',
    recordType: 'user',
    detail: { filter: { role: filter.role, status: filter.status, searched: Boolean(filter.q) }, count: users.length },
  });
  const rows = users.map((user) => [user.displayName, user.email, roleName(user.role), user.teamName ?? 'None', userStatus(user)]);
  return {
    filename: `users-${today(ctx.actor.timeZone)}`,
    tables: [{ title: 'Users', rows: [['Name', 'Email', 'Role', 'Team', 'Status'], ...rows] }],
  };
}
