import { describe, expect, it } from 'vitest';
import { isSavableText, savableFileName, unsavableFields } from './unsavable-text.ts';

describe('text PostgreSQL cannot keep', () => {
  it('is a NUL character or half of a character; anything else (right-to-left overrides, emoji, scripts) is text', () => {
    expect(isSavableText('Smith\u0000')).toBe(false);
    expect(isSavableText('\ud800 alone')).toBe(false);
    expect(isSavableText('gnp.\u202Eexe 😀 <script> Ní Bhriain')).toBe(true);
  });

  it('is found in any field, key or array at any depth, and named for the user', () => {
    expect(unsavableFields({ firstName: 'Ann', names: [{ last: 'Lee\u0000' }], 'dateOfBirth-day': '\u0000' }, 'body')).toEqual([
      { field: 'names.0.last', message: 'The field “names 0 last” contains a character that cannot be saved: remove it and try again' },
      { field: 'dateOfBirth-day', message: 'The field “date of birth day” contains a character that cannot be saved: remove it and try again' },
    ]);
    expect(unsavableFields({ '\u0000': 'x' }, 'body')).toHaveLength(1);
    expect(unsavableFields({ personId: '\u0000' }, 'address')[0]?.message).toMatch(/^The web address contains/);
    expect(unsavableFields(undefined, 'body')).toEqual([]);
  });

  it('is looked for without recursion, so deep nesting cannot overflow the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    expect(unsavableFields(deep, 'body')).toHaveLength(1);
  });

  it('is taken out of an uploaded file name, with any folders', () => {
    expect(savableFileName('C:\\Users\\ann\\contacts\u0000.xlsx', 'upload')).toBe('contacts.xlsx');
    expect(savableFileName('\u0000\ud800', 'upload')).toBe('\ufffd');
    expect(savableFileName('  ', 'upload')).toBe('upload');
  });
});
