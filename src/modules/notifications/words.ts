import type { NotificationKind, ReferralEventKind } from '../../db/schema.ts';
import { formatCalendarDate } from '../../http/dates.ts';

/**
 * What a notification says, made when it is shown from its kind, the step and the agency: never
 * the client's name, prison number or anything else about them, so that a list of notifications
 * (and an e-mail) names no person.
 */
export interface NotificationFacts {
  kind: NotificationKind;
  eventKind: ReferralEventKind | null;
  organisationName: string | null;
  serviceName: string | null;
  dueOn: string | null;
}

const AGENCY_DID: Partial<Record<ReferralEventKind, string>> = {
  accepted: 'accepted',
  declined: 'declined',
  appointment_booked: 'booked an appointment for',
  attended: 'recorded the client’s attendance at the appointment for',
  did_not_attend: 'recorded that the client did not attend the appointment for',
  outcome_recorded: 'recorded the outcome of',
};

const COACH_DID: Partial<Record<ReferralEventKind, string>> = {
  attended: 'The coach recorded the client’s attendance at the appointment for',
  did_not_attend: 'The coach recorded that the client did not attend the appointment for',
  closed: 'The coach closed',
  withdrawn: 'The coach withdrew',
};

/** The sentence a user's list shows. */
export function notificationText(n: NotificationFacts): string {
  const agency = n.organisationName ?? 'The agency';
  const referral = n.serviceName ? `a referral to ${n.serviceName}` : 'a referral';
  switch (n.kind) {
    case 'referral_sent':
      return `A referral to ${n.serviceName ?? 'your service'} was sent to you`;
    case 'referral_answered':
      return `${agency} ${(n.eventKind && AGENCY_DID[n.eventKind]) ?? 'updated'} ${referral}`;
    case 'agency_note':
      return `${agency} added a note to ${referral}`;
    case 'referral_updated':
      if (n.eventKind === 'entered_in_error') return `The coach marked ${referral} as entered in error, so it is no longer in your lists`;
      return `${(n.eventKind && COACH_DID[n.eventKind]) ?? 'The coach updated'} ${referral}`;
    case 'coach_note':
      return `The coach added a note to ${referral}`;
    case 'referral_overdue':
      return `${capitalise(referral)}${n.organisationName ? ` (${n.organisationName})` : ''} is overdue: it was due on ${n.dueOn ? formatCalendarDate(n.dueOn) : 'an earlier day'}`;
  }
}

/** An e-mail's subject: what kind of thing happened, and nothing more (not even the agency). */
export function mailSubject(kind: NotificationKind, eventKind: ReferralEventKind | null): string {
  switch (kind) {
    case 'referral_sent':
      return 'A new referral is waiting for your answer';
    case 'referral_answered':
      return eventKind === 'accepted' || eventKind === 'declined' ? 'A referral has been answered' : 'A referral has been updated by the agency';
    case 'agency_note':
      return 'The agency added a note to a referral';
    case 'referral_updated':
      return eventKind === 'entered_in_error' ? 'A referral sent to you was marked entered in error' : 'A referral has been updated by the coach';
    case 'coach_note':
      return 'The coach added a note to a referral';
    case 'referral_overdue':
      return 'A referral is overdue';
  }
}

/** An e-mail's body: the subject again, the link, and why they get it. No personal details. */
export function mailBody(subject: string, link: string, accountLink: string): string {
  return [
    `${subject}.`,
    '',
    `Sign in to Throughcare to see it: ${link}`,
    '',
    `You get these e-mails because you chose them on your account page. To stop them, untick the box there: ${accountLink}`,
  ].join('\n');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
