import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { filterFileName, formProblems, type Download, type DownloadAbout } from '../../http/downloads.ts';
import { ValidationError } from '../../http/errors.ts';
import { parseForm } from '../../http/forms.ts';
import { calendarDate } from '../../http/sheet-cells.ts';
import { audit } from '../audit/record.ts';
import { recordCount } from '../audit/record-words.ts';
import { interpretQuery, type SearchKind } from './queries.ts';
import { searchQuery } from './schemas.ts';
import { searchPeople } from './service.ts';

export const PEOPLE_PATH = '/people';

const SEARCH_KINDS: Record<SearchKind, string> = { name: 'Name', 'prison-number': 'Prison number', 'date-of-birth': 'Date of birth' };

/**
 * The people a search finds, exactly as its page lists them: the same search (at most its fifty best
 * matches), audited as the page audits it (a list of people), and the download as an export with
 * the ids of the people in it. The search text itself is never recorded: it may be a name.
 */
export async function peopleSearchDownload(props: { ctx: SignedInCtx; query: unknown }): Promise<Download> {
  const { ctx } = props;
  const parsed = parseForm(searchQuery, props.query);
  if (!parsed.ok) throw formProblems(parsed.form);
  const { q } = parsed.data;
  if (!q) throw new ValidationError([{ field: 'q', message: 'Enter a name, prison number or date of birth' }]);
  const people = await searchPeople({ ctx, q });
  const personIds = people.map((person) => person.id);
  await audit(ctx, {
    action: 'export',
    recordType: 'person',
    detail: { list: 'search', searchBy: interpretQuery(q)?.kind ?? null, count: people.length, personIds },
  });
  const rows = people.map((person) => [
    `${person.firstName} ${person.lastName}`,
    calendarDate(person.dateOfBirth),
    person.prisonNumbers.join(', '),
    person.aliases.join(', '),
  ]);
  // The file says what was searched for; its name says only how (a name in a file name would travel
  // where the file's contents do not: download lists, shared folders, e-mail subjects).
  const searchBy = interpretQuery(q)?.kind;
  const about: DownloadAbout = {
    title: 'People found by a search: its best matches among the people you work with, as the page listed them',
    facts: [
      { label: 'Searched for', value: q },
      searchBy ? { label: 'Searched by', value: SEARCH_KINDS[searchBy], filePart: `by-${searchBy}` } : { label: 'Searched by', value: 'Name' },
      { label: 'Found', value: recordCount('person', people.length) },
    ],
  };
  return {
    filename: filterFileName(['people-search'], about) + `-${today(ctx.actor.timeZone)}`,
    tables: [{ title: 'People found', rows: [['Name', 'Date of birth', 'Prison number', 'Also known as'], ...rows] }],
    about,
  };
}
