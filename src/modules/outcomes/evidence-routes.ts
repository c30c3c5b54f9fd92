import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formState } from '../../http/forms.ts';
import { recordParams } from '../casework/correction-routes.ts';
import { caseworkForm, ctxOf } from '../casework/route.ts';
import { addEvidenceFile, fileField, MAX_EVIDENCE_BYTES, outcomeForEvidence, readEvidenceForm } from './evidence.ts';

/** Adding an evidence file to an outcome already recorded (a payslip that came later), from the sign-up page. */
export function evidenceRoutes(app: FastifyInstance) {
  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/sign-ups/:episodeId/outcomes/:recordId/evidence',
    config: { access: 'people.write' },
    schema: { params: recordParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { recordId, ...ids } = recordParams.parse(request.params);
      const upload = request.method === 'POST' ? await readEvidenceForm(request) : { fields: {} };
      request.body = upload.fields;
      const { episode, outcome, files } = await outcomeForEvidence(ctx, { ...ids, outcomeId: recordId });
      const file = 'file' in upload ? upload.file : undefined;
      const problem = 'problem' in upload ? upload.problem : undefined;
      return caseworkForm({
        request,
        reply,
        template: 'outcomes/views/evidence.njk',
        title: 'Add an evidence file',
        checked: episode,
        schema: z.object({ evidenceFile: fileField(file !== undefined, problem ?? 'Select a file') }),
        form: formState({}),
        view: { outcome, files, maxMegabytes: MAX_EVIDENCE_BYTES / 1024 / 1024 },
        work: async () => {
          if (file) await addEvidenceFile(ctx, { ...ids, outcomeId: recordId, file });
          return 'Evidence file added';
        },
      });
    },
  });
}
