import { formatCalendarDate } from '../../http/dates.ts';
import { roleName } from '../auth/roles.ts';
import type { AuditAction } from './record.ts';
import { permissionName } from './permission-words.ts';
import { codeWords, isAboutAPerson, recordCount, recordCounts, recordKindName, recordPhrase } from './record-words.ts';

/**
 * An audit event in words, for the audit log page and the subject-access page: what happened ("Viewed
 * the sign-up of Jo Bloggs") and its detail as short phrases ("Changed: expected liberation date").
 * The download keeps the codes and ids, for machines; people read these.
 */
export const ACTION_NAMES: Record<AuditAction, string> = {
  'sign-in': 'Signed in',
  'sign-out': 'Signed out',
  'sign-in-failed': 'Sign-in refused',
  'access-denied': 'Access refused',
  create: 'Recorded',
  read: 'Viewed',
  list: 'Listed',
  update: 'Changed',
  delete: 'Removed',
  export: 'Downloaded',
};

/** An action as a filter names it; a code the log does not know, in words. */
export const actionName = (action: string): string => ACTION_NAMES[action as AuditAction] ?? codeWords(action);

/** What the page knows of an event's people and users: null for a person the viewer may not see. */
export interface EventNames {
  person?: string | null;
  /** Names by id of users, prisons, teams and areas (the record of a 'user' event, a worker or prison in its detail). */
  users: ReadonlyMap<string, string>;
}

export interface DescribedEvent {
  action: string;
  record_type: string | null;
  record_id: string | null;
  detail: unknown;
}

const detailOf = (event: DescribedEvent) => (event.detail && typeof event.detail === 'object' ? (event.detail as Record<string, unknown>) : {});

/** "Viewed the sign-up of Jo Bloggs", "Recorded a contact with a person", "Downloaded the engagement report". */
export function describeEvent(event: DescribedEvent, names: EventNames): string {
  const detail = detailOf(event);
  const kind = event.record_type;
  const subject = () => (kind ? recordPhrase(kind, { person: names.person, name: event.record_id ? names.users.get(event.record_id) : undefined }) : 'a page');
  switch (event.action) {
    case 'sign-in':
    case 'sign-out':
    case 'sign-in-failed':
      return actionName(event.action);
    case 'access-denied':
      return `Was refused ${kind ? subject() : 'a page'}`;
    case 'list':
      return kind === 'person' && detail.searchBy ? 'Searched for people' : `Listed ${kind ? recordKindName(kind).toLowerCase() : 'records'}`;
    case 'export':
      if (kind === 'report') return `Downloaded the ${codeWords(String(detail.report ?? ''))} report`.replace('  ', ' ');
      if (kind === 'audit_event') return 'Downloaded the audit log';
      if (kind === 'person' && detail.subjectAccess) return `Downloaded everything held on ${names.person ?? 'a person'}`;
      if (!event.record_id && kind) return `Downloaded a list of ${recordKindName(kind).toLowerCase()}`;
      return `Downloaded ${subject()}`;
    case 'update':
      if (detail.enteredInError === true) return `Marked ${subject()} entered in error`;
      return `${actionName(event.action)} ${subject()}`;
    case 'create':
      if (kind === 'episode') return `Signed up ${names.person ?? 'a person'}`;
      return `${kind && isAboutAPerson(kind) && kind !== 'person' ? 'Recorded' : 'Created'} ${subject()}`;
    default:
      return `${actionName(event.action)} ${subject()}`;
  }
}

/** Keys that hold ids (kept in the download, never shown) or that the description already says. */
const UNSAID = new Set(['episodeId', 'personId', 'outcomeId', 'contactId', 'mergeId', 'merged', 'mergedInto', 'mergeUndone', 'route', 'report', 'subjectAccess', 'enteredInError', 'searched']);

/** The words for a detail's key; a key not listed is said in words (codeWords). */
const KEY_NAMES: Record<string, string> = {
  fields: 'Changed',
  changed: 'Changed',
  need: 'Needed permission',
  searchBy: 'Searched by',
  count: 'Count',
  personIds: 'People',
  workerId: 'Worker',
  actorUserId: 'Who',
  prisonId: 'Prison',
  teamId: 'Team',
  areaId: 'Area',
  recordType: 'Record type',
  forUser: 'For',
  view: 'Page',
  part: 'Part',
  table: 'Table',
  format: 'Format',
  filter: 'Filters',
  imported: 'Created',
  rows: 'Rows',
  reason: 'Reason',
  role: 'Role',
  status: 'Status',
  list: 'List',
  code: 'Code',
  bytes: 'Size',
  secondFactor: 'Second factor',
  secondFactorRequired: 'Second factor required',
  recoveryCodes: 'Recovery codes',
  sessionsEnded: 'Sessions ended',
  step: 'At',
};

/** Yes/no facts said only when true. */
const WHEN_TRUE: Record<string, string> = {
  unchanged: 'Opened to correct it; nothing changed',
  moved: 'Moved to another worker',
  takenOn: 'Taken on by the worker who recorded a contact',
  ended: 'Ended',
  again: 'A file imported before, imported again',
  locked: 'The account is now locked',
  overridden: 'Signed up outside the eligibility rules',
  synthetic: 'Synthetic (made-up) data',
  subjectAccessSearch: 'A subject access search',
  secondFactorReset: 'Second factor reset',
  hadOne: 'They had a second factor set up',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueWords(key: string, value: unknown, names: EventNames): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return key === 'bytes' ? `${value.toLocaleString('en-GB')} bytes` : value.toLocaleString('en-GB');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (UUID.test(value)) return names.users.get(value) ?? null;
    if (ISO_DATE.test(value)) return formatCalendarDate(value);
    if (ISO_MOMENT.test(value)) return formatCalendarDate(value.slice(0, 10));
    if (key === 'role') return roleName(value);
    if (key === 'need') return permissionName(value);
    if (key === 'recordType') return recordKindName(value).toLowerCase();
    if (key === 'action') return actionName(value).toLowerCase();
    if (key === 'format') return value.toUpperCase();
    return codeWords(value);
  }
  if (Array.isArray(value)) {
    if (key === 'personIds') return recordCount('person', value.length);
    const words = value.map((item) => valueWords(key, item, names)).filter((item): item is string => item !== null);
    return words.length ? words.join(', ') : null;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (key === 'imported' || key === 'rows') return entries.every(([, n]) => typeof n === 'number') ? recordCounts(value as Record<string, number>).join(', ') || null : null;
    const parts = entries.flatMap(([inner, innerValue]) => {
      const words = valueWords(inner, innerValue, names);
      return words === null || UUID.test(String(innerValue)) ? [] : [`${(KEY_NAMES[inner] ?? codeWords(inner)).toLowerCase()} ${words}`];
    });
    return parts.length ? parts.join(', ') : 'none';
  }
  return null;
}

/** An event's detail as phrases: ["Changed: expected liberation on, prison id", "People: 3 people"]. */
export function detailPhrases(detail: unknown, names: EventNames): string[] {
  if (!detail || typeof detail !== 'object') return [];
  return Object.entries(detail as Record<string, unknown>).flatMap(([key, value]) => {
    if (UNSAID.has(key)) return [];
    if (key in WHEN_TRUE) return value === true ? [WHEN_TRUE[key] as string] : [];
    const words = valueWords(key, value, names);
    if (words === null) return [];
    const name = KEY_NAMES[key] ?? codeWords(key).replace(/^./, (letter) => letter.toUpperCase());
    return [`${name}: ${words}`];
  });
}
