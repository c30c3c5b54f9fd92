import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { makeReferral } from '../../src/modules/referrals/service.ts';
import type { ReferralInput } from '../../src/modules/referrals/sending.ts';
import { assignWorker } from './journey.ts';
import { buildReferralScene, referralInput } from './referrals.ts';
import { demoUser, type TestApp } from './test-app.ts';

/**
 * The referral scene (tests/support/referrals.ts) with one live referral its coach has sent to the
 * agency's housing service on 2 February 2026 (answer due on the 5th); `change` alters the referral.
 */
export async function sentReferralScene(test: TestApp, change: Partial<ReferralInput> = {}) {
  const scene = await buildReferralScene(test);
  const referralId = await makeReferral({
    ctx: scene.coachCtx,
    personId: scene.person.id,
    episodeId: scene.episode.id,
    input: referralInput(scene.serviceId, change),
  });
  return { ...scene, referralId };
}

/** The demo employment consultant, made a current worker of the scene's sign-up too (not the referral's maker). */
export async function assignConsultant(test: TestApp, scene: { episode: { id: string } }) {
  const consultant = await demoUser(test, 'employment_consultant');
  await assignWorker(test, { episodeId: scene.episode.id, part: 'employment_consultant', workerId: consultant.id });
  return consultant;
}

/** The name of the scene's agency, as notifications show it. */
export const organisationName = async (test: TestApp, scene: { organisationId: string }) =>
  (await test.database.db.selectFrom('agency_organisation').select('name').where('id', '=', scene.organisationId).executeTakeFirstOrThrow()).name;

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The whole message as sent (headers and body), quoted-printable soft breaks and escapes undone. */
  raw: string;
  subject: string;
}

/**
 * A local SMTP server for a test: plain SMTP on 127.0.0.1 (no TLS, no sign-in), keeping what it
 * receives. With `hold`, it keeps each message but answers the sender only once `hold` resolves.
 */
export async function startMailServer(port = 0, hold: Promise<void> = Promise.resolve()) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8'));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: raw.match(/^Subject: (.*)$/m)?.[1]?.trim() ?? '',
        });
        void hold.then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    url: `smtp://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const mailEnv = (url: string) => ({
  SMTP_URL: url,
  MAIL_FROM: 'Throughcare <noreply@throughcare.example>',
  PUBLIC_BASE_URL: 'https://throughcare.example',
});

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A user's notifications (of one referral, when given), newest first, as stored. */
export const notificationsOf = (test: TestApp, userId: string, referralId?: string) =>
  test.database.db
    .selectFrom('notification')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(referralId !== undefined, (q) => q.where('referral_id', '=', referralId ?? ''))
    .orderBy('created_at', 'desc')
    .execute();
