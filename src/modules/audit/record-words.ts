/**
 * Every kind of record in words, in one place: the audit log's descriptions ("Viewed the sign-up of
 * Jo Bloggs"), import summaries ("209 people, 240 sign-ups") and anything else that counts or names
 * records. A kind is known by its audit record type ('pre-release-visit') or its table
 * ('pre_release_visit'): both find the same words.
 */
interface RecordWords {
  /** One of them, with its article: "a contact". */
  a: string;
  /** How many: "contact" / "contacts". */
  one: string;
  many: string;
  /** The words that join it to its person: "a contact with Jo Bloggs", "the sign-up of Jo Bloggs". */
  about?: string;
  /** Without a name, when `a` needs one: "a user". */
  unnamed?: string;
}

const words = (a: string, one: string, many: string, about?: string): RecordWords => ({ a, one, many, about });

const RECORD_WORDS: Record<string, RecordWords> = {
  person: words('the record of', 'person', 'people', ''),
  'person-name': words('a name of', 'name', 'names', ''),
  'prison-number': words('a prison number of', 'prison number', 'prison numbers', ''),
  episode: words('the sign-up of', 'sign-up', 'sign-ups', ''),
  assignment: words('who works with', 'worker assignment', 'worker assignments', ''),
  contact: words('a contact', 'contact', 'contacts', 'with'),
  'pre-release-visit': words('a pre-release visit', 'pre-release visit', 'pre-release visits', 'to'),
  'day-one-appointment': words('a day-one appointment', 'day-one appointment', 'day-one appointments', 'for'),
  appointment: words('an appointment', 'appointment', 'appointments', 'with'),
  assessment: words('a needs assessment', 'needs assessment', 'needs assessments', 'of'),
  need: words('a need', 'need', 'needs', 'of'),
  'plan-action': words('a plan action', 'plan action', 'plan actions', 'for'),
  outcome: words('an outcome', 'outcome', 'outcomes', 'for'),
  'evidence-file': words('an evidence file', 'evidence file', 'evidence files', 'for'),
  'distance-reading': words('a distance travelled reading', 'distance travelled reading', 'distance travelled readings', 'for'),
  'employability-activity': words('an employability activity', 'employability activity', 'employability activities', 'for'),
  'job-start': words('a job start', 'job start', 'job starts', 'for'),
  'in-work-check': words('an in-work check', 'in-work check', 'in-work checks', 'for'),
  'training-place': words('a training or education place', 'training or education place', 'training or education places', 'for'),
  referral: words('a referral', 'referral', 'referrals', 'for'),
  'custody-return': words('a return to custody', 'return to custody', 'returns to custody', 'of'),
  user: { ...words('the user', 'user', 'users'), unnamed: 'a user' },
  'api-token': words('an API token', 'API token', 'API tokens'),
  import: words('an import', 'import', 'imports'),
  programme: words('the programme', 'programme', 'programmes'),
  'retention-rule': words('the retention rules', 'retention rule', 'retention rules'),
  choice: words('a list entry', 'list entry', 'list entries'),
  'agency-organisation': words('an agency', 'agency', 'agencies'),
  'agency-service': words('an agency’s service', 'agency service', 'agency services'),
  'agency-location': words('an agency’s location', 'agency location', 'agency locations'),
  'agency-agreement': words('an agreement with an agency', 'agency agreement', 'agency agreements'),
  'agency-directory': words('the agency directory', 'agency directory', 'agency directories'),
  'outcome-type': words('an outcome type', 'outcome type', 'outcome types'),
  report: words('a report', 'report', 'reports'),
  'audit-event': words('the audit log', 'audit event', 'audit events'),
  prison: words('a prison', 'prison', 'prisons'),
  team: words('a team', 'team', 'teams'),
  area: words('a community justice area', 'community justice area', 'community justice areas'),
  'local-authority': words('a local authority', 'local authority', 'local authorities'),
  family: words('a family', 'family', 'families'),
  'family-member': words('a member of a family', 'family member', 'family members'),
  'family-client': words('a family’s link to a client', 'family link', 'family links'),
  'family-referral': words('a referral to family support', 'family referral', 'family referrals'),
  'family-support': words('support given to a family', 'family support record', 'family support records'),
  'family-outcome': words('an outcome for a family', 'family outcome', 'family outcomes'),
  'family-support-member': words('who took part in support given to a family', 'member taking part in family support', 'members taking part in family support'),
};

const keyOf = (kind: string) => kind.replace(/_/g, '-');

/** A code as words when no table names it: 'returned_to_custody' -> 'returned to custody', 'expectedLiberationOn' -> 'expected liberation on'. */
export function codeWords(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
}

const wordsOf = (kind: string): RecordWords => RECORD_WORDS[keyOf(kind)] ?? words(`a ${codeWords(kind)} record`, `${codeWords(kind)} record`, `${codeWords(kind)} records`);

/** "1 person", "209 people", "1,240 sign-ups". */
export function recordCount(kind: string, count: number): string {
  const { one, many } = wordsOf(kind);
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** Counts by kind, in words, leaving out none: { person: 209, episode: 240 } -> ['209 people', '240 sign-ups']. */
export function recordCounts(counts: Readonly<Record<string, number>>): string[] {
  return Object.entries(counts).map(([kind, count]) => recordCount(kind, count));
}

/** The kind's plural, capitalised, as a filter names it: 'Pre-release visits'. */
export function recordKindName(kind: string): string {
  const { many } = wordsOf(kind);
  return many.charAt(0).toUpperCase() + many.slice(1);
}

/** Whether a kind of record belongs to one person (a contact, a sign-up) and so is named with them. */
export const isAboutAPerson = (kind: string): boolean => wordsOf(kind).about !== undefined;

/**
 * One record in words: "the sign-up of Jo Bloggs", "a contact with a person", "the user Ruth Kerr".
 * `person` is the person's name, or null when it is not to be shown ("a person"); `name` names a
 * record that is not about a person (a user).
 */
export function recordPhrase(kind: string, props: { person?: string | null; name?: string }): string {
  const record = wordsOf(kind);
  if (record.about === undefined) return props.name ? `${record.a} ${props.name}` : (record.unnamed ?? record.a);
  const who = props.person ?? 'a person';
  return [record.a, record.about, who].filter(Boolean).join(' ');
}
