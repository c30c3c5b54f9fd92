import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { inTransaction } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { hashPassword, refusePersonalPassword, verifyPassword } from './passwords.ts';

/**
 * A user changes their own password: the current one must be right, the new one must differ from it
 * and hold neither their name nor their email name; their other sessions end.
 */
export async function changeOwnPassword(props: {
  ctx: SignedInCtx;
  currentPassword: string;
  newPassword: string;
  keepSessionHash: string | null;
}): Promise<void> {
  const { ctx } = props;
  const user = await ctx.db
    .selectFrom('app_user')
    .select(['password_hash', 'email', 'display_name'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, props.currentPassword))) {
    throw new ValidationError([{ field: 'currentPassword', message: 'Your current password is not correct' }]);
  }
  await refusePersonalPassword({
    password: props.newPassword,
    owner: { email: user.email, displayName: user.display_name, passwordHash: user.password_hash },
    setter: 'own',
    field: 'newPassword',
  });
  const passwordHash = await hashPassword(props.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: sql`now()`, updated_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', ctx.actor.userId)
      .execute();
    await tx.db
      .updateTable('user_session')
      .set({ ended_at: sql`now()`, end_reason: 'password-changed' })
      .where('user_id', '=', ctx.actor.userId)
      .where('ended_at', 'is', null)
      .$if(props.keepSessionHash !== null, (q) => q.where('token_hash', '!=', props.keepSessionHash as string))
      .execute();
    await audit(tx, { action: 'update', recordType: 'user', recordId: ctx.actor.userId, detail: { fields: ['password'] } });
  });
}
