import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from './forms.ts';

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
