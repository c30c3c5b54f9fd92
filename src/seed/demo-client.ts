import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SignedInCtx } from '../http/context.ts';
import { signUp } from '../modules/custody/service.ts';
import { createPerson } from '../modules/people/service.ts';
import { ROOP } from './roop.ts';

/**
 * A made-up client of the demo, signed up in the demo's first prison by `ctx` (a life coach), with
 * the privacy notice given and consent to share, through the same functions as the pages.
 */
export async function addDemoClient(
  tx: Kysely<Database>,
  ctx: SignedInCtx,
  props: {
    person: { firstName: string; lastName: string; dateOfBirth: string; phone?: string };
    sentence: { months: number; previous: number; expectedLiberationOn: string };
    signedUpOn: string;
  },
): Promise<{ personId: string; episodeId: string }> {
  const prison = await tx
    .selectFrom('prison')
    .select('id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('name', '=', ROOP.prisons[0] ?? '')
    .executeTakeFirstOrThrow();
  const person = await createPerson({ ctx, input: { ...props.person, gender: 'male', riskToStaff: false, notDuplicate: true } });
  const { signedUpOn, sentence } = props;
  const episodeId = await signUp({
    ctx,
    personId: person.id,
    input: {
      prisonId: prison.id,
      sentenceMonths: sentence.months,
      expectedLiberationOn: sentence.expectedLiberationOn,
      previousSentences: sentence.previous,
      signedUpOn,
      privacyNoticeOn: signedUpOn,
      lawfulBasis: 'public_task',
      offenceDataCondition: 'statutory_purposes',
      healthDataCondition: 'health_social_care',
      sharingConsent: 'given',
    },
  });
  return { personId: person.id, episodeId };
}
