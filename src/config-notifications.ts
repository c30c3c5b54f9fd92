import { z } from 'zod';

/**
 * The settings for telling people about referrals (docs/configuration.md, "Notifications and
 * e-mail"), checked with the rest of the environment by loadConfig in config.ts.
 */
export const notificationEnvironment = {
  /** smtp://user:password@host:587 (STARTTLS when the server offers it) or smtps://...:465. Unset: no e-mail. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// address' }).optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  /** Where users reach the service, for the link an e-mail carries: https://throughcare.example.org */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
  /** Minutes between runs of the overdue-referral check in the web process; 0 turns it off. */
  NOTIFY_OVERDUE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
};

type NotificationEnvironment = { [K in keyof typeof notificationEnvironment]?: z.infer<(typeof notificationEnvironment)[K]> };

export interface MailConfig {
  smtpUrl: string;
  from: string;
  publicBaseUrl: string;
}

export interface NotificationsConfig {
  /** E-mail, when an SMTP server is set; null when notifications are in the service only. */
  mail: MailConfig | null;
  /** Minutes between overdue checks in the web process (0: never; the command `throughcare notify-overdue` still runs it). */
  overdueEveryMinutes: number;
}

/** The settings, or the problems with them ("VARIABLE: message"), from an environment zod has already checked. */
export function notificationsConfig(e: NotificationEnvironment, environment: 'development' | 'test' | 'production'): NotificationsConfig | string[] {
  const problems: string[] = [];
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push('MAIL_FROM: required when SMTP_URL is set');
  if (e.SMTP_URL && !e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required when SMTP_URL is set (the link in each e-mail)');
  if (e.MAIL_FROM && !/^[^<>]*<?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(e.MAIL_FROM))
    problems.push('MAIL_FROM: must be an e-mail address, or a name and <address>');
  if (problems.length > 0) return problems;
  return {
    mail:
      e.SMTP_URL && e.MAIL_FROM && e.PUBLIC_BASE_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, '') } : null,
    // Hourly in a running service; off in tests unless a test asks.
    overdueEveryMinutes: e.NOTIFY_OVERDUE_MINUTES ?? (environment === 'test' ? 0 : 60),
  };
}
