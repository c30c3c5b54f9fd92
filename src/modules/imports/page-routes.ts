import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError, type FieldProblem } from '../../http/errors.ts';
import { flash, submitForm } from '../../http/form-submission.ts';
import { datePartsOf, gatherDateParts } from '../../http/date-fields.ts';
import { formState, parseForm } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { createBatch, getBatch, listBatches, sizeText, tooBig, updateBatch } from './batches.ts';
import { FIELDS, ROW_KINDS } from './fields.ts';
import { chooseLayout, sheetPreview } from './layout.ts';
import { missingColumns } from './mapping.ts';
import { asAtForm, batchParams, fileFieldsForm, layoutForm, layoutQuery } from './schemas.ts';
import { columnLetter, columnName, fieldsForColumns } from './presenter.ts';
import type { Jobs } from './jobs.ts';
import { startCheck } from './check-routes.ts';
import { audit } from '../audit/record.ts';
import { unusedColumns } from './unused-columns.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** The wizard's first steps: the list of imports, the upload, the sheet and header row, the columns. */
export function importPageRoutes(app: FastifyInstance, services: Services, jobs: Jobs) {
  const limits = services.config.import;

  app.get('/imports', { config: { access: 'imports.run' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const batches = await listBatches(ctx);
    await audit(ctx, { action: 'list', recordType: 'import', detail: { count: batches.length } });
    return reply.view('imports/views/list.njk', { pageTitle: 'Imports', batches, kinds: ROW_KINDS });
  });

  app.get('/imports/new', { config: { access: 'imports.run' } }, async (_request, reply) =>
    reply.view('imports/views/upload.njk', { pageTitle: 'Import a spreadsheet', form: formState({}), maxSize: sizeText(limits.maxBytes) }),
  );

  app.post('/imports', { config: { access: 'imports.run' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const render = (message: string) =>
      reply.code(400).view('imports/views/upload.njk', { pageTitle: 'Import a spreadsheet', form: formState({}, [{ field: 'file', message }]), maxSize: sizeText(limits.maxBytes) });
    if (!request.isMultipart()) return render('Select a CSV or Excel file');
    let upload;
    try {
      const file = await request.file();
      upload = file && file.filename ? { fileName: file.filename, bytes: await file.toBuffer() } : undefined;
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return render(tooBig(limits));
      throw error;
    }
    if (!upload) return render('Select a CSV or Excel file');
    try {
      const batchId = await createBatch(ctx, { ...upload, limits });
      return reply.redirect(`/imports/${batchId}/layout`);
    } catch (error) {
      if (error instanceof ValidationError) return render(error.problems[0]?.message ?? 'The file cannot be read');
      throw error;
    }
  });

  const renderLayout = async (request: FastifyRequest, sheet: string | null, form = formState({})) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const chosenSheet = sheet ?? batch.sheet;
    const preview = await sheetPreview(ctx, { batchId, sheet: chosenSheet, kind: batch.kind, limits });
    const values = { sheet: chosenSheet ?? preview.sheetNames[0], headerRow: batch.headerRow ?? preview.likelyHeaderRow, kind: batch.kind, ...form.values };
    const widest = Math.max(0, ...preview.rows.map((row) => row.texts.length));
    return {
      pageTitle: 'Choose the rows to import',
      batch,
      preview,
      form: { ...form, values },
      sheetItems: preview.sheetNames.map((name) => ({ value: name, text: name, selected: name === values.sheet })),
      columnLetters: Array.from({ length: widest }, (_, index) => columnLetter(index + 1)),
      kindItems: Object.entries(ROW_KINDS).map(([value, kind]) => ({ value, text: kind.label, hint: { text: kind.hint }, checked: value === values.kind })),
    };
  };

  app.get('/imports/:batchId/layout', { config: { access: 'imports.run' }, schema: { params: batchParams, querystring: layoutQuery } }, async (request, reply) => {
    const { sheet } = layoutQuery.parse(request.query);
    const page = await renderLayout(request, sheet ?? null);
    // The preview shows the file's first rows: people's details, so reading it is audited.
    await audit(ctxOf(request), { action: 'read', recordType: 'import', recordId: page.batch.id, detail: { preview: page.preview.rows.length } });
    return reply.view('imports/views/layout.njk', page);
  });

  app.post('/imports/:batchId/layout', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const { batchId } = batchParams.parse(request.params);
    return submitForm({
      request,
      reply,
      schema: layoutForm,
      render: async (form, status) => reply.code(status).view('imports/views/layout.njk', await renderLayout(request, null, form)),
      work: async (data) => {
        await chooseLayout(ctxOf(request), { batchId, sheet: data.sheet ?? null, headerRow: data.headerRow, kind: data.kind, limits });
        return { redirectTo: `/imports/${batchId}/columns`, success: 'Now check which column holds each field' };
      },
    });
  });

  const renderColumns = async (request: FastifyRequest, form = formState({})) => {
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctxOf(request), batchId);
    if (!batch.kind) throw new ValidationError([{ field: 'kind', message: 'Choose what the rows are first' }]);
    // A return-to-custody extract is followed up to the date it was taken, asked for here.
    const asksAsAt = batch.kind === 'custody_returns';
    const values = { ...(asksAsAt && !('asAt-day' in form.values) ? datePartsOf('asAt', batch.asAt) : {}), ...form.values };
    return {
      pageTitle: 'Match the columns',
      batch,
      kind: ROW_KINDS[batch.kind],
      fields: fieldsForColumns(batch, form),
      unusedColumns: unusedColumns(batch.kind, batch.headers, batch.columns),
      asksAsAt,
      form: { ...form, values },
    };
  };

  app.get('/imports/:batchId/columns', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) =>
    reply.view('imports/views/columns.njk', await renderColumns(request)),
  );

  app.post('/imports/:batchId/columns', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const body = fileFieldsForm.parse(request.body ?? {});
    if (!batch.kind) return reply.redirect(`/imports/${batchId}/layout`);
    const columns: Record<string, number> = {};
    const problems: FieldProblem[] = [];
    let asAt: string | undefined;
    if (batch.kind === 'custody_returns') {
      const parsed = parseForm(asAtForm, gatherDateParts(body, ['asAt']));
      if (parsed.ok) asAt = parsed.data.asAt;
      else problems.push(...parsed.form.errorList.map((e) => ({ field: 'asAt', message: e.text })));
    }
    for (const field of FIELDS[batch.kind]) {
      const raw = body[`column-${field.key}`];
      if (raw === undefined || raw === '') continue;
      const column = Number(raw);
      if (!Number.isInteger(column) || column < 1 || column > batch.headers.length) problems.push({ field: `column-${field.key}`, message: `Choose a column of the file for ${field.label.toLowerCase()}` });
      else columns[field.key] = column;
    }
    const used = new Map<number, string>();
    for (const [key, column] of Object.entries(columns)) {
      const other = used.get(column);
      const label = FIELDS[batch.kind].find((f) => f.key === key)?.label ?? key;
      if (other) problems.push({ field: `column-${key}`, message: `${columnName(batch.headers, column)} is already chosen for ${other.toLowerCase()}` });
      used.set(column, label);
    }
    problems.push(...missingColumns(batch.kind, columns).filter((missing) => !problems.some((p) => p.field === missing.field)));
    if (problems.length > 0) return reply.code(400).view('imports/views/columns.njk', await renderColumns(request, formState(body, problems)));
    await updateBatch(ctx, batchId, { columns, ...(asAt ? { asAt } : {}) });
    startCheck({ ctx, batchId, jobs, limits });
    await flash(request, 'Checking every row: nothing is written yet');
    return reply.redirect(`/imports/${batchId}/check`);
  });
}
