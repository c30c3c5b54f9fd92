import { describe, expect, it } from 'vitest';
import { FIELDS } from './fields.ts';
import { likelyHeaderRow, normalise, suggestColumns } from './headers.ts';
import { matchOption, type LookupOption } from './lookups.ts';
import { readRecord, type Reading } from './record.ts';

const GENDERS: LookupOption[] = [
  { code: 'male', label: 'Male', words: ['male'] },
  { code: 'female', label: 'Female', words: ['female'] },
  { code: 'not_stated', label: 'Prefers not to say', words: ['not stated'] },
];

describe('suggesting columns from headers', () => {
  it('reads headers in a programme’s own words, punctuation and case aside', () => {
    expect(normalise(' No. of previous  sentences ')).toBe('no of previous sentences');
    const headers = ['Prisoner Number', 'Surname', 'Forename', 'D.O.B.', 'Sentence length (mths)', 'Sign-up date', 'Date of liberation'];
    expect(suggestColumns({ fields: FIELDS.sign_ups, headers, remembered: {} })).toEqual({
      prisonNumber: 1,
      lastName: 2,
      firstName: 3,
      dateOfBirth: 4,
      sentenceMonths: 5,
      signedUpOn: 6,
      liberatedOn: 7,
    });
  });

  it('prefers what the programme chose last time for a header, and suggests a column for one field only', () => {
    const headers = ['Prisoner Number', 'Date', 'Worker', 'Seen by'];
    const suggested = suggestColumns({ fields: FIELDS.contacts, headers, remembered: { 'seen by': 'worker' } });
    expect(suggested.worker).toBe(4);
    expect(Object.values(suggested).filter((column) => column === 3)).toEqual([]);
  });

  it('finds the header row under a title row', () => {
    const rows = [
      { rowNumber: 1, texts: ['Contact log 2009', null, null] },
      { rowNumber: 3, texts: ['Prisoner Number', 'Date', 'Type of contact'] },
      { rowNumber: 4, texts: ['100711', '10/02/2009', 'Phone'] },
    ];
    expect(likelyHeaderRow(rows, FIELDS.contacts)).toBe(3);
  });
});

describe('matching a file’s values to a list', () => {
  it('takes M, m and Male as Male, and a label’s start when only one label starts so', () => {
    expect(matchOption(GENDERS, 'M')?.code).toBe('male');
    expect(matchOption(GENDERS, ' male ')?.code).toBe('male');
    expect(matchOption(GENDERS, 'F')?.code).toBe('female');
    expect(matchOption(GENDERS, 'Not stated')?.code).toBe('not_stated');
  });

  it('does not guess a value that could be more than one', () => {
    const lists: LookupOption[] = [
      { code: 'a', label: 'Phone call', words: [] },
      { code: 'b', label: 'Phone text', words: [] },
    ];
    expect(matchOption(lists, 'Phone')).toBeUndefined();
  });
});

describe('reading a row', () => {
  const reading: Reading = {
    fields: FIELDS.contacts,
    columns: { prisonNumber: 1, contactOn: 2, contactType: 3, durationMinutes: 4 },
    headers: ['Prisoner Number', 'Date', 'Type of contact', 'Duration'],
    lookups: {
      contactType: {
        options: [{ code: 'phone', label: 'Phone call', words: ['phone'] }],
        valueMap: { 'prison visit': 'phone' },
        lenient: false,
        known: new Map(),
      },
    },
    today: '2026-11-22',
  };

  it('gives each mapped field its value: text, ISO dates, numbers and list codes', () => {
    const read = readRecord({ rowNumber: 7, cells: [100711, '4.2.20', 'Prison visit', '45'] }, reading);
    expect(read).toEqual({ values: { prisonNumber: '100711', contactOn: '2020-02-04', contactType: 'phone', durationMinutes: 45 }, problems: [], unknown: [] });
  });

  it('names the row and column of each problem, and the values not in the list', () => {
    const read = readRecord({ rowNumber: 9, cells: [null, '31/02/2020', 'Carrier pigeon', '-5'] }, reading);
    expect(read.problems).toEqual([
      { rowNumber: 9, column: 'Prisoner Number', message: 'Enter the prison number' },
      { rowNumber: 9, column: 'Date', message: '31/02/2020 is not a real date' },
      { rowNumber: 9, column: 'Duration', message: 'Duration in minutes must be between 0 and 1440' },
    ]);
    expect(read.unknown).toEqual([{ field: 'contactType', value: 'Carrier pigeon', lenient: false }]);
  });
});
