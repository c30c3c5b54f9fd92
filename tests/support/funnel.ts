import { buildContact, buildEpisode, buildPerson, buildVisit } from './journey.ts';
import { buildOutcome } from './outcomes.ts';
import type { TestApp } from './test-app.ts';

/** Factories for the engagement funnel's tests: a sign-up with its journey (rows of the prison service's extracts are in returns.ts). */

export interface FunnelSignUp {
  signedUpOn: string;
  liberatedOn: string;
  visits?: number;
  gateMet?: boolean;
  /** A community contact on this day (engaged when on or after liberation). */
  contactOn?: string;
  /** Outcomes of a hard type (benefits, which needs no verification) on this day. */
  hardOutcomeOn?: string;
  gender?: string;
}

/** A person and one liberated sign-up with the visits, gate meeting, contact and outcome asked for. */
export async function buildFunnelSignUp(test: TestApp, props: FunnelSignUp) {
  const person = await buildPerson(test, props.gender ? { gender: props.gender } : {});
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: props.signedUpOn,
    liberated_on: props.liberatedOn,
    gate_status: props.gateMet ? 'met' : null,
  });
  for (let visit = 0; visit < (props.visits ?? 0); visit += 1) await buildVisit(test, { episodeId: episode.id, visitedOn: props.signedUpOn });
  if (props.contactOn) await buildContact(test, { episodeId: episode.id, contactOn: props.contactOn });
  if (props.hardOutcomeOn) await buildOutcome(test, { episodeId: episode.id, achievedOn: props.hardOutcomeOn, outcome_type: 'benefits' });
  return { person, episode };
}
