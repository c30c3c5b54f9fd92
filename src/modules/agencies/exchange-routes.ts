import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendAttachment } from '../../http/attachment.ts';
import { today } from '../../http/date-fields.ts';
import { ValidationError } from '../../http/errors.ts';
import { flash } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { ctxOf } from './form-route.ts';
import { directoryFromZip, directoryZip } from './hsds-csv.ts';
import { exportDirectory } from './hsds-export.ts';
import { importDirectory, parseDirectoryJson } from './hsds-import.ts';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Every problem with a file in the error summary, each linking to the upload (formState keeps one a field). */
const everyProblem = (messages: string[]): FormState => ({
  values: {},
  errors: { file: messages.length === 1 ? (messages[0] ?? '') : `The file has ${messages.length} problems: nothing was imported` },
  errorList: messages.map((text) => ({ text, href: '#file' })),
});

/** The directory out as HSDS JSON or CSV tables, and in from either: for those who keep it. */
export function agencyExchangeRoutes(app: FastifyInstance) {
  for (const format of ['json', 'zip'] as const) {
    app.get(`/agencies/export.${format}`, { config: { access: 'agencies.write' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const directory = await exportDirectory(ctx);
      await audit(ctx, { action: 'export', recordType: 'agency-directory', detail: { format, organisations: directory.length } });
      const filename = `agency-directory-hsds-${today(ctx.actor.timeZone)}.${format}`;
      if (format === 'json')
        return sendAttachment(reply, { filename, type: 'application/json; charset=utf-8', body: `${JSON.stringify(directory, null, 2)}\n` });
      return sendAttachment(reply, { filename, type: 'application/zip', body: await directoryZip(directory) });
    });
  }

  const render = (reply: FastifyReply, form: FormState, status: number) =>
    reply.code(status).view('agencies/views/import.njk', { pageTitle: 'Import a directory', form });

  app.get('/agencies/import', { config: { access: 'agencies.write' } }, async (_request, reply) => render(reply, formState({}), 200));

  app.post('/agencies/import', { config: { access: 'agencies.write' } }, async (request, reply) => {
    const refuse = (message: string) => render(reply, formState({}, [{ field: 'file', message }]), 400);
    if (!request.isMultipart()) return refuse('Choose an HSDS JSON file or a zip of HSDS CSV tables');
    let bytes: Buffer | undefined;
    try {
      const file = await request.file();
      bytes = file && file.filename ? await file.toBuffer() : undefined;
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('The file is too large');
      throw error;
    }
    if (!bytes || bytes.length === 0) return refuse('Choose an HSDS JSON file or a zip of HSDS CSV tables');
    try {
      const data = bytes.subarray(0, 4).equals(ZIP_MAGIC) ? await directoryFromZip(bytes) : parseDirectoryJson(bytes.toString('utf8'));
      const counts = await importDirectory(ctxOf(request), data);
      await flash(
        request,
        `Directory imported: ${counts.organisations} ${counts.organisations === 1 ? 'organisation' : 'organisations'}, ${counts.services} ${counts.services === 1 ? 'service' : 'services'}`,
      );
      return reply.redirect('/agencies');
    } catch (error) {
      if (error instanceof ValidationError) return render(reply, everyProblem(error.problems.map((p) => p.message)), 400);
      throw error;
    }
  });
}
