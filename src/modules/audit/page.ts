import { actionName, describeEvent, detailPhrases, type DescribedEvent, type EventNames } from './event-words.ts';
import { recordKindName } from './record-words.ts';

/** One row of the audit log page: when, who, what happened and its detail in words, and a link to the record's other events. */
export function eventInWords<Event extends DescribedEvent & { occurred_at: Date; actor_label: string; address: string | null }>(event: Event, names: EventNames) {
  return {
    occurredAt: event.occurred_at,
    who: event.actor_label,
    what: describeEvent(event, names),
    details: detailPhrases(event.detail, names),
    address: event.address,
    aboutRecord: event.record_id ? `/admin/audit?${new URLSearchParams({ recordId: event.record_id })}` : null,
  };
}

/** The filter's choices in words: the codes stay the values sent. */
export function auditChoicesInWords(choices: { actions: string[]; recordTypes: string[]; users: { id: string; display_name: string }[] }) {
  const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text);
  return {
    users: choices.users,
    actions: choices.actions.map((action) => ({ value: action, text: actionName(action) })).sort(byText),
    recordTypes: choices.recordTypes.map((type) => ({ value: type, text: recordKindName(type) })).sort(byText),
  };
}
