import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter.ts';

describe('finding what separates the values of a CSV file', () => {
  it('finds commas, semicolons and tabs', () => {
    expect(detectDelimiter('Name,Town\nAnn,Ayr\n')).toBe(',');
    expect(detectDelimiter('Name;Town\nAnn;Ayr\n')).toBe(';');
    expect(detectDelimiter('Name\tTown\nAnn\tAyr\n')).toBe('\t');
  });

  it('is not misled by a title line, decimal commas, or commas inside quotes', () => {
    expect(detectDelimiter('Contacts, January to March\n\nName;Hours;Town\nAnn;1,5;Ayr\nBob;2,25;Alloa\nCat;3;Perth')).toBe(';');
    expect(detectDelimiter('Name\tNotes\n"Smith, John"\t"Met, then phoned, then met"\nAnn\tfine\n')).toBe('\t');
  });

  it('reads a file of one line, or one column, as comma-separated', () => {
    expect(detectDelimiter('Prisoner Number;Name;Town')).toBe(';');
    expect(detectDelimiter('Prisoner Number\n100711\n100563\n')).toBe(',');
  });
});
