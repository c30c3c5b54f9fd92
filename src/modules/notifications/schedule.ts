import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { NotificationsConfig } from '../../config-notifications.ts';
import type { Database } from '../../db/schema.ts';
import { MailOutbox, openOutbox } from './mail-outbox.ts';
import { notifyOverdue } from './overdue.ts';

/**
 * What the web process runs beside its pages: the mail outbox (when an SMTP server is set), and the
 * overdue check at start-up and then every NOTIFY_OVERDUE_MINUTES (off when 0, as in tests), which
 * also retries e-mails a mail server refused. Returns what stops them, for the app's close.
 */
export function startNotifications(props: { db: Kysely<Database>; config: NotificationsConfig; log: FastifyBaseLogger }): () => Promise<void> {
  const { db, config, log } = props;
  const outbox = config.mail ? new MailOutbox(db, config.mail, log) : null;
  const closeOutbox = outbox ? openOutbox(outbox) : null;
  let running: Promise<void> | null = null;
  const check = () => {
    running ??= notifyOverdue(db)
      .then(async (made) => {
        if (made > 0) log.info({ made }, 'overdue referral notifications made');
        await outbox?.run();
      })
      .catch((error: unknown) => log.error({ error: error instanceof Error ? error.name : typeof error }, 'overdue referral check failed'))
      .finally(() => {
        running = null;
      });
  };
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Immediate | null = null;
  if (config.overdueEveryMinutes > 0) {
    first = setImmediate(check);
    timer = setInterval(check, config.overdueEveryMinutes * 60_000);
    timer.unref();
  }
  return async () => {
    if (first) clearImmediate(first);
    if (timer) clearInterval(timer);
    await running;
    await closeOutbox?.();
  };
}
