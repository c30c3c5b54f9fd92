import type { Field, FieldType } from './fields.ts';

/** The kinds of rows of a programme's family support lists (issue 15). */
export type FamilyRowKind = 'family_referrals' | 'family_members' | 'family_support';

/** Fields the family lists share with the other kinds of rows (defined once, in fields.ts). */
interface SharedFields {
  prisonNumber: Field;
  firstName: Field;
  lastName: Field;
  dateOfBirth: Field;
  worker: Field;
  contactType: Field;
  notes: Field;
}

const text = (max: number): FieldType => ({ type: 'text', max });
const date: FieldType = { type: 'date' };

/** The programme's own reference for a family, by which members and support given find it. */
const familyRef: Field = {
  key: 'familyRef',
  label: 'Family reference',
  required: true,
  hint: 'The programme’s own reference for the family, compared ignoring capitals',
  headers: ['family ref', 'family reference', 'family id', 'family no', 'family number', 'family code', 'ref', 'reference'],
  read: text(50),
};

const AGE_GROUPS = [
  { code: 'adult', label: 'Adult', words: ['adult', 'a', 'over 18', '18 or over'] },
  { code: 'child', label: 'Child', words: ['child', 'c', 'under 18', 'u18', 'minor', 'young person'] },
] as const;

/** The fields of each kind of family support rows, in the order the mapping page shows them. */
export function familyFields(shared: SharedFields): Record<FamilyRowKind, readonly Field[]> {
  return {
    family_referrals: [
      familyRef,
      {
        key: 'familyName',
        label: 'Family name',
        hint: 'Used when the import creates the family: when not given, the client’s surname and “family”, else the reference',
        headers: ['family name', 'family', 'household', 'household name'],
        read: text(200),
      },
      {
        ...shared.prisonNumber,
        hint: 'Links the family to the client with this prison number (once, however many rows name them); a number no one is recorded with is a problem row',
      },
      {
        key: 'referredOn',
        label: 'Referral date',
        required: true,
        headers: ['referral date', 'date of referral', 'date referred', 'referred on', 'referred'],
        read: date,
      },
      {
        key: 'source',
        label: 'Referral source',
        required: true,
        headers: ['referral source', 'source', 'source of referral', 'referred by', 'referral from', 'referral route'],
        read: { type: 'lookup', source: { from: 'choice', list: 'family_referral_source' } },
      },
      {
        key: 'sourceDetail',
        label: 'Who referred',
        headers: ['referrer', 'who referred', 'referrer name', 'referring agency', 'referring worker', 'referred by whom'],
        read: text(200),
      },
      {
        key: 'reason',
        label: 'Reason for the referral',
        required: true,
        headers: ['reason for referral', 'referral reason', 'reason for the referral', 'reason', 'presenting issues', 'issues'],
        read: text(2000),
      },
      { key: 'acceptedOn', label: 'Date accepted', headers: ['date accepted', 'accepted', 'accepted on', 'acceptance date'], read: date },
      {
        key: 'engagedOn',
        label: 'Date engaged (first contact)',
        headers: ['first contact', 'date of first contact', 'first contact date', 'engaged', 'date engaged', 'engaged on', 'engagement date'],
        read: date,
      },
      { key: 'closedOn', label: 'Date closed', headers: ['date closed', 'closed', 'closed on', 'closure date', 'end date'], read: date },
      {
        key: 'closureReason',
        label: 'Closure reason',
        hint: 'Required for a referral with a date closed',
        headers: ['closure reason', 'reason for closure', 'reason closed', 'closed reason', 'reason for closing'],
        read: { type: 'lookup', source: { from: 'choice', list: 'family_closure_reason' } },
      },
      {
        ...shared.worker,
        key: 'coordinator',
        label: 'Co-ordinator',
        hint: 'Used when the import creates the family. Matched to a user (“E. Fraser” is Eilidh Fraser); a name no user matches is kept on the family as written',
        headers: ['co ordinator', 'coordinator', 'family support co ordinator', 'family support coordinator', 'family support worker', 'worker', 'key worker'],
        cues: ['coordinator', 'ordinator', 'worker', 'fsc', 'staff'],
      },
      {
        key: 'team',
        label: 'Team',
        hint: 'Used when the import creates the family: when not given, your team',
        headers: ['team'],
        read: { type: 'lookup', source: { from: 'team' } },
      },
      {
        key: 'safeguarding',
        label: 'Safeguarding note',
        hint: 'Sets the family’s safeguarding flag with this note, shown as a warning on its pages',
        headers: ['safeguarding', 'safeguarding note', 'safeguarding notes', 'safeguarding concerns', 'safeguarding issues', 'safety'],
        cues: ['safeguarding', 'safety', 'risk'],
        read: text(2000),
      },
    ],
    family_members: [
      familyRef,
      { ...shared.firstName, required: true },
      shared.lastName,
      {
        key: 'relationship',
        label: 'Relationship',
        required: true,
        hint: 'Their relationship to the client (to the prisoner, where the family has no client)',
        headers: ['relationship', 'relationship to client', 'relationship to prisoner', 'relation', 'relationship to offender'],
        read: { type: 'lookup', source: { from: 'choice', list: 'family_relationship' } },
      },
      shared.dateOfBirth,
      {
        key: 'ageGroup',
        label: 'Adult or child',
        hint: 'Used where the date of birth is not known',
        headers: ['adult or child', 'adult child', 'child or adult', 'child adult', 'age group'],
        read: { type: 'lookup', source: { from: 'fixed', options: AGE_GROUPS } },
      },
    ],
    family_support: [
      familyRef,
      {
        key: 'supportOn',
        label: 'Date of the support',
        required: true,
        headers: ['date', 'support date', 'date of support', 'session date', 'contact date', 'date of contact'],
        read: date,
      },
      shared.contactType,
      {
        key: 'supportTypes',
        label: 'Support types',
        required: true,
        hint: 'One or several, separated by commas or semicolons',
        headers: ['support type', 'support types', 'type of support', 'types of support', 'support given', 'support provided', 'support'],
        read: { type: 'lookup', source: { from: 'choice', list: 'family_support_type' }, several: true },
      },
      {
        key: 'members',
        label: 'Who took part',
        hint: 'Family members’ first names (or full names), separated by commas: each must be a member of the family',
        headers: ['who took part', 'took part', 'members', 'family members', 'members seen', 'who attended', 'attended', 'participants', 'present'],
        read: text(1000),
      },
      {
        key: 'minutes',
        label: 'Duration in minutes',
        headers: ['minutes', 'duration', 'duration mins', 'duration minutes', 'time spent', 'length', 'mins'],
        cues: ['duration', 'mins', 'minutes', 'length'],
        read: { type: 'whole', min: 1, max: 1440 },
      },
      shared.notes,
    ],
  };
}

export const FAMILY_ROW_KINDS: Record<FamilyRowKind, { label: string; hint: string }> = {
  family_referrals: {
    label: 'Family support: families and referrals',
    hint: 'One row per referral of a family to family support: the family’s reference, the client’s prison number, the dates and reason. Import these first',
  },
  family_members: {
    label: 'Family support: family members',
    hint: 'One row per member of a family: the family’s reference, name, relationship, date of birth or adult or child',
  },
  family_support: {
    label: 'Family support: support given',
    hint: 'One row per contact or session with a family: the date, who took part and the support types',
  },
};
