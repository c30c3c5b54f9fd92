import type { RowKind } from '../../db/schema.ts';
import { FAMILY_ROW_KINDS, familyFields } from './family-fields.ts';

/**
 * What a field of an imported row holds, which says how its cells are read:
 * text as it is; dates in UK or ISO form or as Excel dates; numbers; and values looked up in the
 * programme's lists (a prison, a local authority, a team, a worker, a configurable list's entry, or
 * the fixed answers of a yes/no style question), which the user maps when the file words them
 * differently.
 */
export type FieldType =
  | { type: 'text'; max: number }
  | { type: 'date' }
  | { type: 'decimal'; min: number; max: number }
  | { type: 'whole'; min: number; max: number }
  /** `several`: a cell may hold several values, separated by commas or semicolons (a session's support types). */
  | { type: 'lookup'; source: LookupSource; several?: true };

export type LookupSource =
  | { from: 'prison' | 'local_authority' | 'team' | 'worker' }
  | {
      from: 'choice';
      list: 'gender' | 'contact_type' | 'outcome_type' | 'liberation_type' | 'family_referral_source' | 'family_closure_reason' | 'family_relationship' | 'family_support_type';
    }
  | { from: 'fixed'; options: readonly { code: string; label: string; words: readonly string[] }[] };

export interface Field {
  key: string;
  label: string;
  /** Header texts (normalised: lower case letters and digits, single spaces) this field is usually found under. */
  headers: readonly string[];
  required?: boolean;
  /**
   * The column must be chosen even though its cells may be blank (a blank admission date means no
   * return): the message when it is not.
   */
  columnRequired?: string;
  hint?: string;
  /** Words that, in a heading the mapping leaves out, suggest this field ("Staff seen by" -> a worker). */
  cues?: readonly string[];
  read: FieldType;
}

const text = (max = 200): FieldType => ({ type: 'text', max });
const date: FieldType = { type: 'date' };

const prisonNumber: Field = {
  key: 'prisonNumber',
  label: 'Prison number',
  headers: ['prison number', 'prisoner number', 'prisoner no', 'prison no', 'prisoner id', 'prison id', 'noms number', 'sr number', 'prisoner ref'],
  read: text(20),
};
const lastName: Field = { key: 'lastName', label: 'Last name', headers: ['last name', 'surname', 'family name', 'second name'], read: text(100) };
const firstName: Field = {
  key: 'firstName',
  label: 'First name',
  headers: ['first name', 'forename', 'forenames', 'given name', 'first names', 'christian name'],
  read: text(100),
};
const fullName: Field = {
  key: 'fullName',
  label: 'Full name',
  hint: 'Used when the file has no separate first and last names: the last word is taken as the last name',
  headers: ['name', 'client name', 'full name', 'client', 'person'],
  read: text(200),
};
const dateOfBirth: Field = { key: 'dateOfBirth', label: 'Date of birth', headers: ['date of birth', 'dob', 'birth date', 'd o b'], cues: ['dob', 'birth'], read: date };
const worker: Field = {
  key: 'worker',
  label: 'Worker',
  hint: 'Matched to a user of the service (“A. Reid” is Alan Reid); a name no user matches is kept on the record as written, unless you choose a user for it',
  headers: ['worker', 'life coach', 'coach', 'staff', 'staff member', 'key worker', 'mentor', 'recorded by'],
  cues: ['worker', 'coach', 'staff', 'mentor', 'caseworker', 'keyworker', 'officer', 'lc'],
  read: { type: 'lookup', source: { from: 'worker' } },
};
const contactType: Field = {
  key: 'contactType',
  label: 'Type of contact',
  required: true,
  headers: ['type of contact', 'contact type', 'type', 'method'],
  read: { type: 'lookup', source: { from: 'choice', list: 'contact_type' } },
};
const notes: Field = {
  key: 'notes',
  label: 'Notes',
  headers: ['notes', 'note', 'comments', 'comment', 'details', 'description'],
  cues: ['notes', 'note', 'comments', 'comment', 'summary', 'details'],
  read: text(4000),
};

const GATE_OPTIONS = [
  { code: 'met', label: 'Met at the gate', words: ['y', 'yes', 'met', 'true', 'picked up'] },
  { code: 'declined', label: 'Declined a gate meeting', words: ['declined', 'refused'] },
  { code: 'missed', label: 'Gate meeting missed', words: ['missed'] },
  { code: 'planned', label: 'Gate meeting planned', words: ['planned'] },
] as const;

const CONTACT_OUTCOMES = [
  { code: 'happened', label: 'It happened', words: ['happened', 'yes', 'y', 'attended', 'seen', 'done', 'completed'] },
  { code: 'no_answer', label: 'Tried, no answer', words: ['no answer', 'no reply', 'not answered', 'attempted'] },
  { code: 'did_not_attend', label: 'They did not attend', words: ['did not attend', 'dna', 'no show', 'not attended'] },
] as const;

/** The fields of each kind of row, in the order the mapping page shows them. */
export const FIELDS: Record<RowKind, readonly Field[]> = {
  sign_ups: [
    { ...prisonNumber, required: true },
    lastName,
    firstName,
    fullName,
    dateOfBirth,
    { key: 'gender', label: 'Gender', headers: ['gender', 'sex'], read: { type: 'lookup', source: { from: 'choice', list: 'gender' } } },
    {
      key: 'localAuthority',
      label: 'Local authority',
      headers: ['local authority', 'council area', 'council', 'la', 'home area', 'area'],
      read: { type: 'lookup', source: { from: 'local_authority' } },
    },
    {
      key: 'prison',
      label: 'Prison',
      required: true,
      headers: ['prison', 'establishment', 'institution', 'prison name'],
      read: { type: 'lookup', source: { from: 'prison' } },
    },
    {
      key: 'sentenceMonths',
      label: 'Sentence length in months',
      required: true,
      headers: ['sentence length mths', 'sentence length', 'sentence months', 'sentence length months', 'sentence'],
      read: { type: 'decimal', min: 0.1, max: 9999 },
    },
    {
      key: 'previousSentences',
      label: 'Previous custodial sentences',
      headers: ['no of previous sentences', 'previous sentences', 'previous custodial sentences', 'previous convictions', 'prev sentences'],
      read: { type: 'whole', min: 0, max: 999 },
    },
    { key: 'sentencedOn', label: 'Sentence date', headers: ['sentence date', 'date of sentence', 'sentenced on', 'date sentenced'], read: date },
    {
      key: 'signedUpOn',
      label: 'Sign-up date',
      required: true,
      headers: ['sign up date', 'signup date', 'signed up', 'date signed up', 'sign up', 'referral date', 'date of sign up'],
      read: date,
    },
    {
      key: 'expectedLiberationOn',
      label: 'Expected liberation date',
      headers: ['expected liberation date', 'expected liberation', 'earliest date of liberation', 'edl', 'release date due'],
      read: date,
    },
    {
      key: 'liberatedOn',
      label: 'Liberation date',
      headers: ['date of liberation', 'liberation date', 'liberated', 'release date', 'date of release', 'liberated on'],
      cues: ['liberation', 'liberated', 'release', 'released'],
      read: date,
    },
    {
      key: 'visits',
      label: 'Number of visits before release',
      headers: ['visits before release', 'pre release visits', 'number of visits', 'visits'],
      read: { type: 'whole', min: 0, max: 100 },
    },
    {
      key: 'gate',
      label: 'Gate meeting',
      headers: ['gate pick up', 'gate pickup', 'gate meeting', 'met at gate', 'gate'],
      cues: ['gate'],
      read: { type: 'lookup', source: { from: 'fixed', options: GATE_OPTIONS } },
    },
    { ...worker, key: 'prisonCoach', label: 'Prison life coach', headers: ['life coach', 'prison life coach', 'coach', 'worker', 'mentor'] },
    { key: 'team', label: 'Team', hint: 'When not given, the sign-ups go to your team', headers: ['team'], read: { type: 'lookup', source: { from: 'team' } } },
  ],
  visits: [
    { ...prisonNumber, required: true },
    { key: 'visitedOn', label: 'Date of the visit', required: true, headers: ['date', 'visit date', 'date of visit', 'visited on'], read: date },
    worker,
    { key: 'place', label: 'Place', headers: ['place', 'location', 'where'], read: text() },
    notes,
  ],
  contacts: [
    { ...prisonNumber, required: true },
    { key: 'contactOn', label: 'Date of the contact', required: true, headers: ['date', 'contact date', 'date of contact'], read: date },
    contactType,
    {
      key: 'outcome',
      label: 'Whether it happened',
      hint: 'When not given, every contact is taken to have happened',
      headers: ['outcome', 'happened', 'attended', 'result'],
      read: { type: 'lookup', source: { from: 'fixed', options: CONTACT_OUTCOMES } },
    },
    {
      key: 'durationMinutes',
      label: 'Duration in minutes',
      headers: ['duration', 'duration mins', 'minutes', 'length', 'duration minutes', 'time spent'],
      cues: ['duration', 'mins', 'minutes', 'hours', 'hrs', 'length'],
      read: { type: 'whole', min: 0, max: 1440 },
    },
    worker,
    { key: 'place', label: 'Place', headers: ['place', 'location', 'where'], read: text() },
    notes,
  ],
  outcomes: [
    { ...prisonNumber, required: true },
    { key: 'achievedOn', label: 'Date of the outcome', required: true, headers: ['date', 'outcome date', 'date achieved', 'start date'], read: date },
    {
      key: 'outcomeType',
      label: 'Type of outcome',
      required: true,
      headers: ['outcome type', 'outcome', 'type'],
      read: { type: 'lookup', source: { from: 'choice', list: 'outcome_type' } },
    },
    notes,
  ],
  custody_returns: [
    prisonNumber,
    lastName,
    firstName,
    fullName,
    dateOfBirth,
    {
      key: 'admittedOn',
      label: 'Date admitted to custody',
      hint: 'A blank cell means no return to custody by the date the extract was taken',
      columnRequired:
        'Choose the column with the dates admitted to custody: without it, everyone in the extract would be recorded as not returned to custody',
      headers: [
        'admission date',
        'date of admission',
        'date admitted',
        'admitted on',
        'admitted',
        'readmission date',
        'date of readmission',
        'readmitted',
        'return date',
        'date of return',
        'date returned',
        'returned on',
        'return to custody date',
        'date of return to custody',
        'custody return date',
        'recall date',
        'date of recall',
        'reception date',
      ],
      cues: ['admission', 'admitted', 'readmission', 'readmitted', 'recall', 'recalled', 'reception', 'return', 'returned'],
      read: date,
    },
  ],
  ...familyFields({ prisonNumber, firstName, lastName, dateOfBirth, worker, contactType, notes }),
};

export const ROW_KINDS: Record<RowKind, { label: string; hint: string }> = {
  sign_ups: { label: 'People and sign-ups', hint: 'One row per sign-up in prison: the person, the prison, the sentence and the dates' },
  visits: { label: 'Pre-release visits', hint: 'One row per visit in prison before release' },
  contacts: { label: 'Community contacts', hint: 'One row per contact with a client' },
  outcomes: { label: 'Outcomes', hint: 'One row per outcome: a job start, training, education, housing, a service, benefits, debt advice' },
  custody_returns: { label: 'Return to custody', hint: 'An extract from the prison service: each person’s next admission after liberation, blank if none' },
  ...FAMILY_ROW_KINDS,
};

export const isRowKind = (value: string): value is RowKind => Object.hasOwn(ROW_KINDS, value);

export function fieldOf(kind: RowKind, key: string): Field | undefined {
  return FIELDS[kind].find((field) => field.key === key);
}
