import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config-notifications.ts';
import type { Database } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { mailBody, mailSubject } from './words.ts';

/** A notification is e-mailed within this long of being made, or not at all (after the mail server was down for longer). */
const MAIL_WINDOW = '1 day';

/**
 * E-mails notifications to users who chose e-mails, once the transaction that made them has
 * committed (the step kicks the outbox after commit: kickMail). Each
 * notification is claimed (emailed_at set) before it is sent and released if the send fails, so a
 * second process never sends it too and a later run (the next kick, the overdue job, or
 * `throughcare notify-overdue`) retries it. A failing mail server never fails a step: it is logged
 * with the notification's id and the error's code, never an address.
 */
export class MailOutbox {
  private readonly transport;
  /** A kick waiting for its timer, then for the run it starts. */
  private kicked: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  /** Asked to run since the running pass began: notifications it may not have seen. */
  private again = false;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly mail: MailConfig,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
  ) {
    this.transport = nodemailer.createTransport(mail.smtpUrl, { from: mail.from });
  }

  /** Notifications were made and committed: send them soon. */
  kick(): void {
    if (this.closed || this.kicked) return;
    this.kicked = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      this.kicked = null;
      return this.run();
    });
  }

  /**
   * Resolves once this outbox has nothing in hand: every kick has run and the run has finished, so
   * what was committed before the kick has been e-mailed or waits (refused) for a later run.
   */
  async settled(): Promise<void> {
    for (let pass = this.kicked ?? this.running; pass; pass = this.kicked ?? this.running) await pass;
  }

  /**
   * Sends what is waiting (one run at a time); resolves when the run is done. Asked while a run is
   * sending, that run looks once more when it has finished, so a notification made meanwhile is not
   * left for the next kick or overdue check.
   */
  async run(): Promise<void> {
    this.again = true;
    if (this.running) return this.running;
    this.running = this.sendWhileAsked()
      .catch((error: unknown) => this.log.error({ error: error instanceof Error ? error.name : typeof error }, 'notification e-mails failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async sendWhileAsked(): Promise<void> {
    while (this.again && !this.closed) {
      this.again = false;
      if ((await this.sendPending()).failed) return;
    }
  }

  /** Sends every unsent notification of the last day to users who chose e-mails; stops at the first failure (the server is down: a later run retries). */
  async sendPending(): Promise<{ sent: number; failed: boolean }> {
    const waiting = await this.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', (join) => join.onRef('u.programme_id', '=', 'n.programme_id').onRef('u.id', '=', 'n.user_id'))
      .leftJoin('referral_event as e', (join) => join.onRef('e.programme_id', '=', 'n.programme_id').onRef('e.id', '=', 'n.referral_event_id'))
      .select(['n.id', 'n.programme_id', 'n.kind', 'e.kind as event_kind', 'u.email'])
      .where('n.emailed_at', 'is', null)
      .where('n.created_at', '>', sql<Date>`now() - ${MAIL_WINDOW}::interval`)
      .where('u.email_notifications', '=', true)
      .where('u.active', '=', true)
      .orderBy('n.created_at')
      .limit(200)
      .execute();
    let sent = 0;
    for (const n of waiting) {
      const claimed = await this.db
        .updateTable('notification')
        .set({ emailed_at: sql`now()` })
        .where('programme_id', '=', n.programme_id)
        .where('id', '=', n.id)
        .where('emailed_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const subject = mailSubject(n.kind, n.event_kind);
      const base = this.mail.publicBaseUrl;
      try {
        await this.transport.sendMail({ to: n.email, subject, text: mailBody(subject, `${base}/notifications/${n.id}`, `${base}/account`) });
        sent += 1;
      } catch (error) {
        await this.db.updateTable('notification').set({ emailed_at: null }).where('programme_id', '=', n.programme_id).where('id', '=', n.id).execute();
        // The notification's id and what went wrong: never the address or the message.
        this.log.warn(
          { notificationId: n.id, error: (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown') },
          'notification e-mail not sent; it will be tried again',
        );
        return { sent, failed: true };
      }
    }
    return { sent, failed: false };
  }

  /** Stops sending (a kick not yet run finds the outbox closed) and waits for a run under way to finish. */
  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
    this.transport.close();
  }
}

/** The outboxes of the apps running in this process (one, outside tests). */
const outboxes = new Set<MailOutbox>();

export function openOutbox(outbox: MailOutbox): () => Promise<void> {
  outboxes.add(outbox);
  return async () => {
    outboxes.delete(outbox);
    await outbox.close();
  };
}

/** Resolves once every open outbox has settled (MailOutbox.settled): what a kick caused is over. */
export async function mailSettled(): Promise<void> {
  await Promise.all([...outboxes].map((outbox) => outbox.settled()));
}

/**
 * Called where notifications are made: each outbox sends them once the caller's transaction has
 * committed (`afterCommit`, inTransaction's), or at once outside one (the insert has committed).
 */
export function kickMail(afterCommit?: Ctx['afterCommit']): void {
  const kick = () => {
    for (const outbox of outboxes) outbox.kick();
  };
  if (afterCommit) afterCommit(kick);
  else kick();
}
