import { z } from 'zod';
import type { FieldProblem } from './errors.ts';

/** What a form page needs to show its errors the GOV.UK way: the summary list and one message per field. */
export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  errorList: { text: string; href: string }[];
}

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; form: FormState };

/**
 * Validates a submitted form with its zod schema. On failure returns the submitted values (to put
 * back in the fields) and the first message for each field, in the order of the form.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParsedForm<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const problems = result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'form', message: issue.message }));
  return { ok: false, form: formState(values, problems) };
}

/** The values go back into the fields, except the CSRF token and any password. */
export function formState(values: Record<string, unknown>, problems: FieldProblem[] = []): FormState {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[problem.field] ??= problem.message;
  return {
    values: Object.fromEntries(Object.entries(values).filter(([key]) => key !== '_csrf' && !/password/i.test(key))),
    errors,
    errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
  };
}

/** Forms send '' for an empty optional field (and the API may send null): both mean "not given". */
export const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

/** An optional free-text field: trimmed, at most `max` characters, empty meaning not given. */
export const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional());
