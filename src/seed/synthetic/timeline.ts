import { DAYS_PER_MONTH, type Day } from './days.ts';
import type { Random } from './random.ts';
import {
  DAYS_TO_NEXT_SENTENCE,
  LIBERATION_TIMING,
  SENTENCE_MONTHS,
  SHARE_OF_SENTENCE_SERVED,
  SIGN_UP_DAYS_BEFORE_LIBERATION,
  SIGN_UPS_PER_PERSON,
} from './shape.ts';
import type { World } from './world.ts';

/** The dates of one sentence a person signs up in, before anything is known of what follows. */
export interface Custody {
  sentenceMonths: number;
  sentencedOn: Day;
  signedUpOn: Day;
  expectedLiberationOn: Day;
  /** The day they leave prison, which may still be to come. */
  leavesOn: Day;
  timing: 'on_time' | 'early' | 'late';
  /** When the person's next sentence starts, if they come back: support for this one stops there. */
  nextSentencedOn: Day | null;
}

/**
 * A person's sentences, one sign-up each: a later sentence starts some months after the earlier
 * liberation, so sign-ups of one person never overlap. The whole run is placed at random between the
 * first sign-up day and today; a run too long to fit loses its last sentences.
 */
export function planCustodies(random: Random, world: World): Custody[] {
  const count = SIGN_UPS_PER_PERSON.pick(random);
  const custodies: Custody[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentenceMonths = SENTENCE_MONTHS.pick(random);
    const daysInside = Math.round(sentenceMonths * DAYS_PER_MONTH * SHARE_OF_SENTENCE_SERVED);
    const lead = Math.min(random.int(...SIGN_UP_DAYS_BEFORE_LIBERATION), daysInside);
    const previous = custodies[i - 1];
    const sentencedOn = previous ? previous.leavesOn + DAYS_TO_NEXT_SENTENCE.pick(random) : lead - daysInside;
    const expectedLiberationOn = sentencedOn + daysInside;
    const timing = LIBERATION_TIMING.pick(random);
    const shift = timing === 'early' ? -random.int(1, Math.min(14, lead)) : timing === 'late' ? random.int(1, 7) : 0;
    if (previous) previous.nextSentencedOn = sentencedOn;
    custodies.push({ sentenceMonths, sentencedOn, signedUpOn: expectedLiberationOn - lead, expectedLiberationOn, leavesOn: expectedLiberationOn + shift, timing, nextSentencedOn: null });
  }
  const available = world.asOf - world.firstSignUpDay;
  while (custodies.length > 1 && lastSignUp(custodies) > available) {
    custodies.pop();
    const last = custodies[custodies.length - 1];
    if (last) last.nextSentencedOn = null;
  }
  const start = world.firstSignUpDay + random.int(0, Math.max(0, available - lastSignUp(custodies)));
  return custodies.map((c) => ({
    ...c,
    sentencedOn: c.sentencedOn + start,
    signedUpOn: c.signedUpOn + start,
    expectedLiberationOn: c.expectedLiberationOn + start,
    leavesOn: c.leavesOn + start,
    nextSentencedOn: c.nextSentencedOn === null ? null : c.nextSentencedOn + start,
  }));
}

function lastSignUp(custodies: Custody[]): number {
  return custodies[custodies.length - 1]?.signedUpOn ?? 0;
}
