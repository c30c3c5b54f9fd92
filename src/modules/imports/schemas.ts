import { z } from 'zod';
import { dateField } from '../../http/date-fields.ts';
import { blankToUndefined } from '../../http/forms.ts';
import { ROW_KINDS } from './fields.ts';

export const batchParams = z.object({ batchId: z.uuid() });

const kinds = Object.keys(ROW_KINDS) as [keyof typeof ROW_KINDS, ...(keyof typeof ROW_KINDS)[]];

/** The layout step: the sheet (workbooks only), the header row and what the rows are. */
export const layoutForm = z.object({
  sheet: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  headerRow: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Enter the number of the row with the column headings' }).int('Enter a whole row number').min(1, 'Row numbers start at 1').max(1000, 'The header row must be in the first 1,000 rows')),
  kind: z.enum(kinds, { error: 'Choose what the rows are' }),
});

/** The sheet to preview on the layout page. */
export const layoutQuery = z.object({ sheet: z.string().max(200).optional() });

/**
 * A form whose field names depend on the file: the columns step (`column-<field>`: a column number or
 * '' for "not in this file") and the check's answers (`value-<n>`, `person-<row>`, `unsureAll`). Each value is
 * checked by its route against what the file and the last check allow.
 */
export const fileFieldsForm = z.record(z.string(), z.unknown());

/** Whether to import a file imported before, and to import the rows that passed the check leaving out the rows with problems. */
export const importForm = z.object({
  again: z.preprocess(blankToUndefined, z.literal('yes').optional()),
  leaveOut: z.preprocess(blankToUndefined, z.literal('yes').optional()),
});

/** The date a return-to-custody extract was taken, asked for on the columns step: a real date, not in the future. */
export const asAtForm = z.object({ asAt: dateField({ label: 'the date the extract was taken', required: true, notFuture: true }) });
