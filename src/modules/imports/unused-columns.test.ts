import { describe, expect, it } from 'vitest';
import { unusedColumns } from './unused-columns.ts';

describe('unusedColumns', () => {
  it('names every column with a heading that the mapping leaves out', () => {
    const headers = ['Prisoner No', 'Date', 'Type', null, 'Comments'];
    expect(unusedColumns('contacts', headers, { prisonNumber: 1, contactOn: 2, contactType: 3, notes: 5 })).toEqual([]);
    expect(unusedColumns('contacts', headers, { prisonNumber: 1, contactOn: 2, contactType: 3 }).map((c) => [c.letter, c.header])).toEqual([['E', 'Comments']]);
  });

  it('suggests a duration and a worker for headings that look like them', () => {
    const headers = ['Prisoner No', 'Date', 'Type', 'Time taken (mins)', 'Staff seen by', 'Favourite colour'];
    const unused = unusedColumns('contacts', headers, { prisonNumber: 1, contactOn: 2, contactType: 3 });
    expect(unused.map((c) => [c.header, c.suggestion?.key ?? null])).toEqual([
      ['Time taken (mins)', 'durationMinutes'],
      ['Staff seen by', 'worker'],
      ['Favourite colour', null],
    ]);
  });

  it('suggests only fields not chosen already, the closest name first', () => {
    const headers = ['PNo', 'Date', 'Type', 'Duration', 'Duration (mins) recorded by coach'];
    const unused = unusedColumns('contacts', headers, { prisonNumber: 1, contactOn: 2, contactType: 3, durationMinutes: 4 });
    expect(unused.map((c) => c.suggestion?.key)).toEqual(['worker']);
    const signUps = unusedColumns('sign_ups', ['Community life coach'], {});
    expect(signUps[0]?.suggestion).toEqual({ key: 'prisonCoach', label: 'Prison life coach' });
  });
});
