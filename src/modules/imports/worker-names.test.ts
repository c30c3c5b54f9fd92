import { describe, expect, it } from 'vitest';
import type { LookupOption } from './lookups.ts';
import { matchWorker, workerForms } from './worker-names.ts';

const users: LookupOption[] = [
  { code: 'alan', label: 'Alan Reid', ...workerForms('Alan Reid', 'alan.reid@roop.example') },
  { code: 'callum', label: 'Callum Reid', ...workerForms('Callum Reid', 'c.reid@roop.example') },
  { code: 'morag', label: 'Morag McLeod', ...workerForms('Morag McLeod', 'morag@roop.example') },
];
const who = (name: string) => matchWorker(users, name)?.code ?? null;

describe('matching workers named in files to users', () => {
  it('takes the ways spreadsheets write a name', () => {
    expect(['Alan Reid', 'A. Reid', 'REID, Alan', 'Reid A', 'alan.reid', 'Alan R'].map(who)).toEqual(Array(6).fill('alan'));
    expect(['Morag MacLeod', 'M Macleod', 'Morag'].map(who)).toEqual(['morag', 'morag', 'morag']);
  });

  it('forgives one slip of the pen in a full name', () => {
    expect(who('Alan Ried')).toBe('alan');
    expect(who('Calum Reid')).toBe('callum');
  });

  it('never guesses between users, and matches nobody for a stranger', () => {
    expect(who('Reid')).toBeNull();
    expect(who('Jamie Smith')).toBeNull();
    expect(who('')).toBeNull();
  });
});
