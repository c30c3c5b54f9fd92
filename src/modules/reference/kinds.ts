import { z } from 'zod';

/**
 * The programme's reference data: prisons, community justice areas, local authorities and teams.
 * Each kind is described once here; its pages, API, queries and audit come from this description.
 */
export interface ExtraField {
  column: 'code' | 'area_id';
  key: 'code' | 'areaId';
  label: string;
  hint?: string;
  /** Text, or a choice of the programme's areas. */
  type: 'text' | 'area';
  required: boolean;
}

export interface ReferenceKind {
  slug: 'prisons' | 'areas' | 'local-authorities' | 'teams';
  table: 'prison' | 'area' | 'local_authority' | 'team';
  singular: string;
  plural: string;
  description: string;
  extra: ExtraField[];
}

const areaField = (required: boolean): ExtraField => ({
  column: 'area_id',
  key: 'areaId',
  label: 'Community justice area',
  type: 'area',
  required,
});

export const REFERENCE_KINDS: ReferenceKind[] = [
  {
    slug: 'prisons',
    table: 'prison',
    singular: 'prison',
    plural: 'Prisons',
    description: 'Where clients are signed up before release.',
    extra: [{ column: 'code', key: 'code', label: 'Prison code', hint: 'Optional, for example the prison service’s establishment code', type: 'text', required: false }],
  },
  {
    slug: 'areas',
    table: 'area',
    singular: 'area',
    plural: 'Community justice areas',
    description: 'The areas clients return to; local authorities and teams belong to them.',
    extra: [],
  },
  {
    slug: 'local-authorities',
    table: 'local_authority',
    singular: 'local authority',
    plural: 'Local authorities',
    description: 'Council areas, each in one community justice area.',
    extra: [areaField(true)],
  },
  {
    slug: 'teams',
    table: 'team',
    singular: 'team',
    plural: 'Teams',
    description: 'Teams of staff, usually one for an area.',
    extra: [areaField(false)],
  },
];

const name = (kind: ReferenceKind) =>
  z
    .string({ error: `Enter the name of the ${kind.singular}` })
    .trim()
    .min(1, `Enter the name of the ${kind.singular}`)
    .max(120, 'Name must be 120 characters or fewer');

function extraSchema(field: ExtraField, emptyAs: null | undefined) {
  const base =
    field.type === 'area'
      ? z.uuid({ error: 'Select a community justice area' })
      : z.string().trim().max(20, `${field.label} must be 20 characters or fewer`);
  const blankToEmpty = (value: unknown) => (value === '' ? emptyAs : value);
  return field.required ? base : z.preprocess(blankToEmpty, base.nullable().optional());
}

/** Values of one record, as the domain functions take them. */
export interface ReferenceValues {
  name: string;
  active?: boolean;
  code?: string | null;
  areaId?: string | null;
}

/** The page form: strings from the browser, a checkbox for "in use", and the version read. */
export function formSchema(kind: ReferenceKind) {
  return z.object({
    name: name(kind),
    ...Object.fromEntries(kind.extra.map((field) => [field.key, extraSchema(field, null)])),
    active: z.preprocess((value) => value === 'yes', z.boolean()),
    version: z.coerce.number().int().min(1).optional(),
  });
}

export function createBodySchema(kind: ReferenceKind) {
  return z.object({
    name: name(kind),
    ...Object.fromEntries(kind.extra.map((field) => [field.key, extraSchema(field, null)])),
  });
}

export function updateBodySchema(kind: ReferenceKind) {
  return z.object({
    name: name(kind).optional(),
    ...Object.fromEntries(kind.extra.map((field) => [field.key, field.required ? extraSchema(field, undefined).optional() : extraSchema(field, null)])),
    active: z.boolean().optional(),
    version: z.number().int().min(1).describe('The version you read; the update is refused if the record has changed since'),
  });
}

export function recordJsonSchema(kind: ReferenceKind) {
  return z.object({
    id: z.uuid(),
    name: z.string(),
    ...Object.fromEntries(kind.extra.map((field) => [field.key, z.string().nullable()])),
    ...(kind.extra.some((field) => field.type === 'area') ? { areaName: z.string().nullable() } : {}),
    active: z.boolean(),
    version: z.number().int(),
  });
}
