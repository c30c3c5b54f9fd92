import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { PrisonClearanceTable, StaffTrainingTable, StaffVettingTable } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { datePartsOf } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { choiceProblems } from '../casework/choices.ts';
import { activeChoices } from '../reference/service.ts';
import { choiceItems } from '../settings/lists.ts';
import { clearanceForm, trainingForm, vettingForm } from './schemas.ts';

interface Rows {
  vetting: Selectable<StaffVettingTable>;
  clearances: Selectable<PrisonClearanceTable>;
  training: Selectable<StaffTrainingTable>;
}
export type StaffRecordKind = keyof Rows;
export type StaffRecordRow<K extends StaffRecordKind = StaffRecordKind> = Rows[K];

interface KindOf<K extends StaffRecordKind, S extends z.ZodType> {
  table: 'staff_vetting' | 'prison_clearance' | 'staff_training';
  /** What one is called in sentences, and in the audit log. */
  what: string;
  auditType: string;
  /** The column saying when it must be renewed or refreshed (null: never). */
  expiry: 'renew_by' | 'expires_on';
  schema: S;
  dates: string[];
  /** The stored columns a valid form gives. */
  columns: (data: z.output<S>) => Partial<StaffRecordRow<K>>;
  /** The form's values from a stored record. */
  values: (row: StaffRecordRow<K>) => Record<string, unknown>;
  /** What the record is, in a line (a clearance names its prison). */
  summary: (ctx: SignedInCtx, row: StaffRecordRow<K>) => Promise<string>;
  /** The form's choices for the values shown. */
  choices: (ctx: SignedInCtx, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** Checks against the programme's lists, shown with the form's own: `kept`, the record being corrected, keeps its own entries though no longer in use. */
  check: (ctx: SignedInCtx, data: Partial<z.output<S>>, kept?: StaffRecordRow<K>) => Promise<FieldProblem[]>;
}

const none = async (): Promise<FieldProblem[]> => [];

/**
 * The three kinds of a worker's staff record, kept by administrators and the worker's team leader:
 * each corrected (a new version) or marked entered in error with a reason, never deleted.
 */
export const STAFF_RECORDS: { vetting: KindOf<'vetting', typeof vettingForm>; clearances: KindOf<'clearances', typeof clearanceForm>; training: KindOf<'training', typeof trainingForm> } = {
  vetting: {
    table: 'staff_vetting',
    what: 'vetting check',
    auditType: 'staff-vetting',
    expiry: 'renew_by',
    schema: vettingForm,
    dates: ['issuedOn', 'renewBy'],
    columns: (d) => ({ disclosure_type: d.disclosureType, reference: d.reference, issued_on: d.issuedOn, renew_by: d.renewBy }),
    values: (row) => ({ disclosureType: row.disclosure_type, reference: row.reference, ...datePartsOf('issuedOn', row.issued_on), ...datePartsOf('renewBy', row.renew_by) }),
    summary: async (_ctx, row) => `Disclosure ${row.reference}, issued ${formatCalendarDate(row.issued_on)}`,
    choices: async (ctx, values) => ({ disclosureTypes: await choiceItems(ctx, 'disclosure_type', values.disclosureType, 'Choose the type') }),
    check: (ctx, d, kept) => choiceProblems(ctx, 'disclosure_type', d.disclosureType, 'disclosureType', 'Select the type of disclosure from the list', kept?.disclosure_type),
  },
  clearances: {
    table: 'prison_clearance',
    what: 'prison clearance',
    auditType: 'prison-clearance',
    expiry: 'expires_on',
    schema: clearanceForm,
    dates: ['clearedOn', 'expiresOn'],
    columns: (d) => ({ prison_id: d.prisonId, cleared_on: d.clearedOn, expires_on: d.expiresOn ?? undefined }),
    values: (row) => ({ prisonId: row.prison_id, ...datePartsOf('clearedOn', row.cleared_on), ...datePartsOf('expiresOn', row.expires_on) }),
    summary: async (ctx, row) => {
      const prison = await ctx.db.selectFrom('prison').select('name').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', row.prison_id).executeTakeFirst();
      return `Cleared for ${prison?.name ?? 'the prison'} on ${formatCalendarDate(row.cleared_on)}, until ${formatCalendarDate(row.expires_on)}`;
    },
    choices: async (ctx, values) => ({ prisons: await activeChoices(ctx, { table: 'prison', selected: values.prisonId, empty: 'Choose a prison' }) }),
    check: async (ctx, d, kept) => {
      if (!d.prisonId || d.prisonId === kept?.prison_id) return [];
      const prison = await ctx.db.selectFrom('prison').select('id').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', d.prisonId).where('active', '=', true).executeTakeFirst();
      return prison ? [] : [{ field: 'prisonId', message: 'Select the prison from the list' }];
    },
  },
  training: {
    table: 'staff_training',
    what: 'training',
    auditType: 'staff-training',
    expiry: 'expires_on',
    schema: trainingForm,
    dates: ['completedOn', 'expiresOn'],
    columns: (d) => ({ course: d.course, completed_on: d.completedOn, expires_on: d.expiresOn }),
    values: (row) => ({ course: row.course, ...datePartsOf('completedOn', row.completed_on), ...datePartsOf('expiresOn', row.expires_on) }),
    summary: async (_ctx, row) => `${row.course}, completed ${formatCalendarDate(row.completed_on)}`,
    choices: async () => ({}),
    check: none,
  },
};

export const STAFF_RECORD_KINDS = Object.keys(STAFF_RECORDS) as StaffRecordKind[];

/** One kind's description, for code that works the same for all three (the form routes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const kindOf = (kind: StaffRecordKind) => STAFF_RECORDS[kind] as unknown as KindOf<StaffRecordKind, z.ZodType<any>>;
