import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldOrder, formState, optionalText, parsedFields, parseForm, whenParsed } from './forms.ts';

const schema = z.object({
  name: z.string().trim().min(1, 'Enter a name'),
  email: z.email('Enter an email address in the correct format, like name@example.com'),
});

describe('parseForm', () => {
  it('returns the parsed data when the form is valid', () => {
    expect(parseForm(schema, { name: ' Ann ', email: 'ann@example.com', _csrf: 'x' })).toEqual({
      ok: true,
      data: { name: 'Ann', email: 'ann@example.com' },
    });
  });

  it('keeps the submitted values and gives one message per field, linked to the field', () => {
    const result = parseForm(schema, { name: '', email: 'nope', _csrf: 'secret' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.form.values).toEqual({ name: '', email: 'nope' });
    expect(result.form.errorList).toEqual([
      { text: 'Enter a name', href: '#name' },
      { text: 'Enter an email address in the correct format, like name@example.com', href: '#email' },
    ]);
  });
});

describe('every problem at once, in page order', () => {
  const signUp = z
    .object({
      prison: z.string().min(1, 'Select the prison'),
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the start date'),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the end date'),
    })
    .refine((value) => value.from <= value.to, { path: ['to'], message: 'The end date must be after the start date', ...whenParsed('from', 'to') });

  it('runs a cross-field rule while another field fails, once the fields it reads are valid', () => {
    const result = parseForm(signUp, { prison: '', from: '2026-05-02', to: '2026-05-01' });
    expect(result.ok ? [] : result.form.errorList.map((e) => e.text)).toEqual(['Select the prison', 'The end date must be after the start date']);
  });

  it('does not run it when a field it reads is itself wrong', () => {
    const result = parseForm(signUp, { prison: 'x', from: 'soon', to: '2026-05-01' });
    expect(result.ok ? [] : result.form.errorList.map((e) => e.text)).toEqual(['Enter the start date']);
  });

  it('gives the fields that are valid on their own, for the checks that need the database', () => {
    expect(parsedFields(signUp, { prison: '', from: '2026-05-02', to: 'later' })).toEqual({ from: '2026-05-02' });
  });

  it('lists problems in the page’s order, the whole form’s first and unknown fields last', () => {
    const problems = [
      { field: 'to', message: 'c' },
      { field: 'other', message: 'd' },
      { field: 'prison', message: 'a' },
      { field: 'form', message: 'z' },
      { field: 'prison', message: 'second for the same field' },
    ];
    expect(formState({}, problems, fieldOrder(signUp)).errorList).toEqual([
      { text: 'z', href: '#form' },
      { text: 'a', href: '#prison' },
      { text: 'c', href: '#to' },
      { text: 'd', href: '#other' },
    ]);
    expect(fieldOrder(signUp, ['to'])).toEqual(['to', 'prison', 'from']);
  });
});

describe('an optional text field', () => {
  const notes = z.object({ note: optionalText('The note', 10) });

  it('takes empty, null or only spaces as not given, so a table that refuses empty text is never sent it', () => {
    for (const note of ['', null, '   ', '\t\n']) expect(notes.parse({ note })).toEqual({ note: undefined });
  });

  it('keeps text trimmed and refuses text too long', () => {
    expect(notes.parse({ note: '  ok  ' })).toEqual({ note: 'ok' });
    expect(notes.safeParse({ note: 'x'.repeat(11) }).error?.issues[0]?.message).toBe('The note must be 10 characters or fewer');
  });
});
