import { describe, expect, it } from 'vitest';
import { safeFilename } from './attachment.ts';
import { chooseTables, downloadLinks, periodParts } from './downloads.ts';
import { ValidationError } from './errors.ts';

const NAMES = ['engagement', 'gender'] as const;

describe('chooseTables', () => {
  it('gives the table named, in either format', () => {
    expect(chooseTables({ format: 'csv', names: NAMES, query: { table: 'gender' } })).toEqual(['gender']);
    expect(chooseTables({ format: 'xlsx', names: NAMES, query: { table: 'gender' } })).toEqual(['gender']);
  });

  it('gives every table to a workbook that names none', () => {
    expect(chooseTables({ format: 'xlsx', names: NAMES, query: {} })).toEqual(['engagement', 'gender']);
  });

  it('refuses an unknown table, two tables, or a CSV without one', () => {
    for (const [format, query] of [
      ['csv', { table: 'names' }],
      ['xlsx', { table: ['engagement', 'gender'] }],
      ['csv', {}],
    ] as const) {
      expect(() => chooseTables({ format, names: NAMES, query })).toThrow(ValidationError);
    }
  });
});

describe('downloadLinks', () => {
  it('keeps the page’s filters, without blanks, and names the table first', () => {
    expect(
      downloadLinks({ path: '/reports/engagement', query: { 'from-year': '2010', gender: '', teamId: undefined, table: 'age' }, table: 'gender' }),
    ).toEqual({
      csv: '/reports/engagement.csv?table=gender&from-year=2010',
      xlsx: '/reports/engagement.xlsx?table=gender&from-year=2010',
    });
  });

  it('adds no querystring when there is nothing to keep', () => {
    expect(downloadLinks({ path: '/admin/reference/prisons' })).toEqual({ csv: '/admin/reference/prisons.csv', xlsx: '/admin/reference/prisons.xlsx' });
  });
});

describe('file names', () => {
  it('name the period, with either end left out when open', () => {
    expect(periodParts({ from: '2010-01-01', to: '2010-12-31' })).toEqual(['from-2010-01-01', 'to-2010-12-31']);
    expect(periodParts({ to: '2010-12-31' })).toEqual(['to-2010-12-31']);
    expect(periodParts({})).toEqual([]);
  });

  it('hold only letters, digits, dots and hyphens', () => {
    expect(safeFilename('people search "Smith"/2026_01.csv')).toBe('people-search-Smith-2026-01.csv');
  });
});
