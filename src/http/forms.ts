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
 * back in the fields) and the first message for each field, in the order of the form (`order`, or
 * the schema's fields).
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, order?: readonly string[]): ParsedForm<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, form: formState(values, problemsOf(result.error), fieldOrder(schema, order)) };
}

/** A zod error's issues as the form's problems, each under its field (the whole form when it has no path). */
export const problemsOf = (error: z.ZodError): FieldProblem[] => error.issues.map((issue) => ({ field: issue.path.join('.') || 'form', message: issue.message }));

/** A form schema's fields: an object's, or, for an object piped into a transform, the object's. */
const shapeOf = (schema: z.ZodType): Record<string, z.ZodType> | undefined => {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  return schema instanceof z.ZodPipe ? shapeOf(schema.in as z.ZodType) : undefined;
};

/** The order a page shows its fields in: the fields it declares first, then the schema's, in the schema's order. */
export function fieldOrder(schema: z.ZodType, declared: readonly string[] = []): string[] {
  return [...new Set([...declared, ...Object.keys(shapeOf(schema) ?? {})])];
}

/**
 * The fields of a form that are valid on their own, when the whole form is not: what the work's own
 * checks (a choice from a list, a date against the record) can still look at, so that one submit
 * shows every problem.
 */
export function parsedFields<S extends z.ZodType>(schema: S, values: Record<string, unknown>): Partial<z.output<S>> {
  const fields: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shapeOf(schema) ?? {})) {
    const result = field.safeParse(values[name]);
    if (result.success) fields[name] = result.data;
  }
  return fields as Partial<z.output<S>>;
}

/**
 * For a cross-field `.refine(rule, { path, message, ...whenParsed('a', 'b') })`: zod skips an
 * object's refinements once any field fails; with this the rule runs whenever the fields it reads
 * are valid, so its message shows with the others.
 */
export const whenParsed = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some(({ path = [] }) => path.length === 0 || fields.includes(String(path[0]))),
});

/**
 * The values go back into the fields, except the CSRF token and any password. The first problem of
 * each field is shown, in page order (`order`; the whole form's problems first, fields not in it last).
 */
export function formState(values: Record<string, unknown>, problems: FieldProblem[] = [], order: readonly string[] = []): FormState {
  const rank = (field: string) => {
    if (field === 'form') return -1;
    const index = order.indexOf(field.split('.')[0] ?? field);
    return index === -1 ? order.length : index;
  };
  const errors: Record<string, string> = {};
  for (const problem of [...problems].sort((a, b) => rank(a.field) - rank(b.field))) errors[problem.field] ??= problem.message;
  return {
    values: Object.fromEntries(Object.entries(values).filter(([key]) => key !== '_csrf' && !/password/i.test(key))),
    errors,
    errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
  };
}

/** Forms send '' for an empty optional field (and the API may send null): both mean "not given", as does text of only spaces. */
export const blankToUndefined = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value);

/** An optional free-text field: trimmed, at most `max` characters, empty meaning not given. */
export const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label} must be ${max} characters or fewer`).optional());
