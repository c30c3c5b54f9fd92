import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { sendCsv } from '../../http/csv.ts';
import { ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/form-submission.ts';
import { recordCounts } from '../audit/record-words.ts';
import { audit } from '../audit/record.ts';
import { formState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import type { Services } from '../../services.ts';
import { earlierImportOf, getBatch, updateBatch, type Batch, type ImportLimits } from './batches.ts';
import { checkImport, commitImport, everyProblem, ImportRefused } from './commit.ts';
import { FIELDS, ROW_KINDS } from './fields.ts';
import { normalise } from './headers.ts';
import type { Jobs } from './jobs.ts';
import { lookupOptions, type LookupOption } from './lookups.ts';
import { unknownValueChoices } from './presenter.ts';
import { canLeaveOut, isClean, isImportable } from './run.ts';
import { leaveOutChoice } from './left-out-rows.ts';
import { leftOutForPage } from './left-out-routes.ts';
import { allUnsureItems, withAllUnsure } from './unsure-decisions.ts';
import type { RunReport } from './run-state.ts';
import { batchParams, fileFieldsForm, importForm } from './schemas.ts';
import { undoImport } from './undo.ts';
import { unusedColumns } from './unused-columns.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** What a failed check or import tells the user; null for a fault of the service (logged, not shown). */
function describeFailure(error: unknown): string | null {
  if (error instanceof ImportRefused) return 'Rows changed since the check: check the file again. Nothing was imported.';
  if (error instanceof ValidationError) return error.problems.map((p) => p.message).join('. ');
  return null;
}

/** Starts the dry run of a batch in the background (its page follows the progress). */
export function startCheck(props: { ctx: SignedInCtx; batchId: string; jobs: Jobs; limits: ImportLimits }): void {
  const { ctx, batchId, limits } = props;
  props.jobs.start(batchId, { task: 'check', rowsTotal: null, describe: describeFailure, work: (onProgress) => checkImport({ ctx, batchId, limits, onProgress }) });
}

async function optionsOf(ctx: SignedInCtx, batch: Batch): Promise<Record<string, readonly LookupOption[]>> {
  const options: Record<string, readonly LookupOption[]> = {};
  for (const field of batch.kind ? FIELDS[batch.kind] : []) {
    if (field.read.type === 'lookup' && batch.columns[field.key] !== undefined) options[field.key] = await lookupOptions(ctx.db, ctx.actor.programmeId, field.read.source);
  }
  return options;
}

/** The check page, the import's progress and its result; the user's answers to unknown values and unsure matches; the import and its undoing. */
export function importCheckRoutes(app: FastifyInstance, services: Services, jobs: Jobs) {
  const limits = services.config.import;

  const checkPage = async (request: FastifyRequest, form = formState({})) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const report = batch.checkReport as RunReport | null;
    const job = jobs.get(batchId);
    return {
      pageTitle: 'Check the rows',
      batch,
      kind: batch.kind ? ROW_KINDS[batch.kind] : null,
      job: jobs.running(batchId) ? job : undefined,
      failure: job?.finished ? job.failure : null,
      report,
      adds: recordCounts(report?.counts ?? {}),
      clean: report ? isClean(report) : false,
      mayLeaveOut: report && !isClean(report) && canLeaveOut(report) ? leaveOutChoice(report) : null,
      unsureAllItems: batch.kind ? allUnsureItems(batch.kind, batch.decisions) : [],
      unknown: report && batch.kind ? unknownValueChoices(report, batch.kind, await optionsOf(ctx, batch)) : [],
      earlier: await earlierImportOf(ctx, batch),
      unusedColumns: batch.kind ? unusedColumns(batch.kind, batch.headers, batch.columns, report?.columnLooks) : [],
      form,
    };
  };

  app.get('/imports/:batchId/check', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const page = await checkPage(request);
    if (page.batch.status !== 'draft') return reply.redirect(`/imports/${page.batch.id}`);
    // The check lists problem rows and recorded people who may be a row's person: audited as a read.
    const people = (page.report?.unsure ?? []).flatMap((u) => u.candidates.map((c) => c.id));
    await audit(ctxOf(request), { action: 'read', recordType: 'import', recordId: page.batch.id, detail: { personIds: [...new Set(people)] } });
    return reply.view('imports/views/check.njk', page);
  });

  app.post('/imports/:batchId/check', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const report = batch.checkReport as RunReport | null;
    const body = fileFieldsForm.parse(request.body ?? {});
    const valueMap = structuredClone(batch.valueMap);
    for (const [index, unknown] of (report?.unknown ?? []).entries()) {
      const answer = body[`value-${index}`];
      if (typeof answer === 'string' && answer.startsWith('=')) valueMap[unknown.field] = { ...valueMap[unknown.field], [normalise(unknown.value)]: answer.slice(1) };
    }
    let decisions: Record<string, string>;
    try {
      decisions = withAllUnsure(batch.decisions, batch.kind, body.unsureAll);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).view('imports/views/check.njk', await checkPage(request, formState(body, error.problems)));
    }
    for (const unsure of report?.unsure ?? []) {
      const answer = body[`person-${unsure.rowNumber}`];
      if (typeof answer === 'string' && (answer === 'new' || unsure.candidates.some((c) => c.id === answer))) decisions[String(unsure.rowNumber)] = answer;
    }
    await updateBatch(ctx, batchId, { valueMap, decisions });
    startCheck({ ctx, batchId, jobs, limits });
    await flash(request, 'Checking every row again with your answers');
    return reply.redirect(`/imports/${batchId}/check`);
  });

  app.get('/imports/:batchId/problems.csv', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const problems = await everyProblem({ ctx, batchId, limits });
    return sendCsv(reply, { filename: `problems-${batchId}.csv`, rows: [['Row', 'Column', 'Problem'], ...problems.map((p) => [p.rowNumber, p.column, p.message])] });
  });

  app.post('/imports/:batchId/import', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const report = batch.checkReport as RunReport | null;
    const answers = importForm.safeParse(request.body ?? {}).data;
    const again = answers?.again === 'yes';
    const leaveOut = answers?.leaveOut === 'yes';
    const problem =
      report && !isImportable(report, leaveOut) && canLeaveOut(report)
        ? { field: 'leaveOut', message: 'Choose to leave out the rows with problems, or put them right and check the file again' }
        : !report || !isImportable(report, leaveOut)
          ? { field: 'form', message: 'Check the file, and put right every problem it finds, before importing' }
          : (await earlierImportOf(ctx, batch)) && !again
            ? { field: 'again', message: 'Confirm that you want to import this file again' }
            : null;
    if (problem) return reply.code(400).view('imports/views/check.njk', await checkPage(request, formState(answers ?? {}, [problem])));
    await updateBatch(ctx, batchId, { leaveOut: leaveOut && !isClean(report as RunReport) });
    jobs.start(batchId, { task: 'import', rowsTotal: report?.rows ?? null, describe: describeFailure, work: (onProgress) => commitImport({ ctx, batchId, limits, again, onProgress }) });
    return reply.redirect(`/imports/${batchId}`);
  });

  app.get('/imports/:batchId/progress', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request) => {
    const { batchId } = batchParams.parse(request.params);
    await getBatch(ctxOf(request), batchId);
    const job = jobs.get(batchId);
    return { running: jobs.running(batchId), task: job?.task ?? null, rowsRead: job?.rowsRead ?? 0, rowsTotal: job?.rowsTotal ?? null };
  });

  app.get('/imports/:batchId', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const job = jobs.get(batchId);
    if (batch.status === 'draft' && !jobs.running(batchId) && !job?.failure) return reply.redirect(`/imports/${batchId}/check`);
    return reply.view('imports/views/batch.njk', {
      pageTitle: batch.fileName,
      batch,
      created: recordCounts(batch.counts ?? {}),
      kind: batch.kind ? ROW_KINDS[batch.kind] : null,
      job: jobs.running(batchId) ? job : undefined,
      failure: batch.status === 'draft' ? (job?.failure ?? null) : null,
      canUndo: batch.status === 'imported' && can(ctx.actor, 'imports.undo'),
      leftOut: await leftOutForPage(ctx, batchId),
      form: formState({}),
    });
  });

  app.post('/imports/:batchId/undo', { config: { access: 'imports.undo' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    try {
      await undoImport(ctx, batchId);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const batch = await getBatch(ctx, batchId);
      return reply.code(400).view('imports/views/batch.njk', { pageTitle: batch.fileName, batch, created: recordCounts(batch.counts ?? {}), kind: batch.kind ? ROW_KINDS[batch.kind] : null, canUndo: true, form: formState({}, error.problems) });
    }
    await flash(request, 'The import has been undone: everything it created has been removed');
    return reply.redirect(`/imports/${batchId}`);
  });
}
