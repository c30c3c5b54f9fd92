import { describe, expect, it } from 'vitest';
import { nameKey, normalisePrisonNumber, searchKey } from './names.ts';

describe('name keys', () => {
  it('makes Mc, Mac, M’ and spacing and case variants one key', () => {
    for (const variant of ['McDonald', 'Macdonald', 'MACDONALD ', 'mac donald', "M'Donald", ' Mc Donald']) {
      expect(nameKey(variant)).toBe('macdonald');
    }
  });

  it('keeps ordinary names that start with Mac or M alone', () => {
    expect(nameKey('Mackie')).toBe('mackie');
    expect(nameKey('Miller')).toBe('miller');
  });

  it('drops accents and punctuation and joins first and last names', () => {
    expect(searchKey('  Seán ', "O'Neill-Smith")).toBe('sean oneill smith');
  });

  it('normalises prison numbers', () => {
    expect(normalisePrisonNumber(' ab 12345c ')).toBe('AB12345C');
  });
});
