import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendAttachment } from '../../http/attachment.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { XLSX_TYPE } from '../../http/xlsx.ts';
import type { Services } from '../../services.ts';
import { EXPORT_FORMATS, exportProgrammeToFile, type ExportFormat } from './export.ts';

export const EXPORT_PATH = '/admin/export';
const TYPES: Record<ExportFormat, string> = { zip: 'application/zip', xlsx: XLSX_TYPE };
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * The administrators' page for taking everything the programme holds, and its two downloads. A
 * download is written to a temporary file first (from one consistent snapshot of the database) and
 * then sent, so a slow connection never holds the database; the file is removed once sent.
 */
export function programmeExportRoutes(app: FastifyInstance, _services: Services) {
  app.get(EXPORT_PATH, { config: { access: 'exports.programme' } }, async (_request, reply) =>
    reply.view('programme-export/views/export.njk', { pageTitle: 'Export the programme', links: { zip: `${EXPORT_PATH}.zip`, xlsx: `${EXPORT_PATH}.xlsx` } }),
  );

  for (const format of EXPORT_FORMATS) {
    app.get(`${EXPORT_PATH}.${format}`, { config: { access: 'exports.programme' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const dir = await mkdtemp(join(tmpdir(), 'throughcare-export-'));
      const path = join(dir, `export.${format}`);
      try {
        const manifest = await exportProgrammeToFile({ ctx, format, path });
        const file = createReadStream(path);
        file.on('close', () => void rm(dir, { recursive: true, force: true }));
        return sendAttachment(reply, { filename: `${manifest.programme.slug}-export-${today(ctx.actor.timeZone)}.${format}`, type: TYPES[format], body: file });
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    });
  }
}
