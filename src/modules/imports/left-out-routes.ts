import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { sendCsv } from '../../http/csv.ts';
import { audit } from '../audit/record.ts';
import { getBatch } from './batches.ts';
import { leftOutFile, leftOutSummary } from './left-out-rows.ts';
import { batchParams } from './schemas.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * The rows an import left out, for its page: how many, and the first of them with why (each reason
 * a line). Their reasons can quote what the file said of a person, so showing them is audited.
 */
export async function leftOutForPage(ctx: SignedInCtx, batchId: string) {
  const summary = await leftOutSummary(ctx.db, { programmeId: ctx.actor.programmeId, importId: batchId });
  if (summary.count > 0) await audit(ctx, { action: 'read', recordType: 'import', recordId: batchId, detail: { leftOut: summary.count } });
  return {
    count: summary.count,
    listed: summary.rows.length,
    lines: summary.rows.flatMap((row) => row.reasons.map((reason) => ({ rowNumber: row.rowNumber, column: reason.column, message: reason.message }))),
  };
}

/** The download of the rows an import left out, as the file had them, with why: to put right and import later. */
export function importLeftOutRoutes(app: FastifyInstance) {
  app.get('/imports/:batchId/left-out.csv', { config: { access: 'imports.run' }, schema: { params: batchParams } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { batchId } = batchParams.parse(request.params);
    const batch = await getBatch(ctx, batchId);
    const rows = await leftOutFile(ctx.db, { programmeId: ctx.actor.programmeId, importId: batch.id, headers: batch.headers });
    await audit(ctx, { action: 'export', recordType: 'import', recordId: batch.id, detail: { leftOut: rows.length - 1 } });
    return sendCsv(reply, { filename: `left-out-${batch.id}.csv`, rows });
  });
}
