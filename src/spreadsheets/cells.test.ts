import { describe, expect, it } from 'vitest';
import { cellText } from './cells.ts';

describe('a cell as text', () => {
  it('gives numbers in plain digits, so a prison number stored as a number reads as typed', () => {
    expect(cellText(100711)).toBe('100711');
    expect(cellText(4.5)).toBe('4.5');
    expect(cellText(0)).toBe('0');
  });

  it('gives text trimmed, and nothing for an empty cell', () => {
    expect(cellText('  McLean ')).toBe('McLean');
    expect(cellText('   ')).toBeNull();
    expect(cellText(null)).toBeNull();
  });

  it('shows other cells the way Excel shows them', () => {
    expect(cellText({ date: '2009-03-07' })).toBe('07/03/2009');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText({ formula: 'A1&B1' })).toBe('=A1&B1');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
  });
});
