import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { isRealDate } from '../http/date-fields.ts';
import { MailOutbox } from '../modules/notifications/mail-outbox.ts';
import { notifyOverdue } from '../modules/notifications/overdue.ts';
import { UsageError } from './acting-as.ts';

/**
 * `throughcare notify-overdue [--programme slug] [--as-of YYYY-MM-DD]`: tells both sides of every
 * referral that has fallen overdue (once per due day, however often it runs), then, when an SMTP
 * server is set, e-mails what is waiting (including e-mails a mail server refused earlier). For a
 * scheduler when the web process's own check is off (NOTIFY_OVERDUE_MINUTES=0). Prints counts only.
 * Answers 1 when the mail server refused an e-mail (kept to send on a later run), so a scheduler notices.
 */
export async function notifyOverdueCommand(
  db: Kysely<Database>,
  config: Config,
  options: { programme?: string; asOf?: string },
  out: (line: string) => void,
): Promise<number> {
  if (options.asOf !== undefined && !isRealDate(options.asOf)) throw new UsageError('--as-of must be a date, YYYY-MM-DD');
  let programmeId: string | undefined;
  if (options.programme) {
    const programme = await db.selectFrom('programme').select('id').where('slug', '=', options.programme).executeTakeFirst();
    if (!programme) throw new UsageError(`No programme ${options.programme}`);
    programmeId = programme.id;
  }
  const made = await notifyOverdue(db, { ...(programmeId ? { programmeId } : {}), ...(options.asOf ? { today: options.asOf } : {}) });
  out(`Overdue referral notifications made: ${made}`);
  const mail = config.notifications.mail;
  if (!mail) {
    out('E-mail: not set up (SMTP_URL), so notifications are shown in Throughcare only');
    return 0;
  }
  const outbox = new MailOutbox(db, mail, consoleLog(out));
  try {
    const { sent, failed } = await outbox.sendPending();
    out(`E-mails sent: ${sent}${failed ? '; the mail server refused one, so the rest wait for the next run' : ''}`);
    return failed ? 1 : 0;
  } finally {
    await outbox.close();
  }
}

/** The outbox's log lines among the command's own (they carry ids and error codes only). */
function consoleLog(out: (line: string) => void) {
  const line = (level: string) => (fields: unknown, message?: string) => out(`${level}: ${message ?? ''} ${JSON.stringify(fields)}`);
  return { warn: line('warning'), error: line('error') };
}
