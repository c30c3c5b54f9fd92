import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendAttachment } from '../../http/attachment.ts';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { AppError } from '../../http/errors.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes, recordParams } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf } from '../casework/route.ts';
import { authorizePerson } from '../people/access.ts';
import { listChoices } from '../settings/lists.ts';
import { outcomesApiRoutes } from './api-routes.ts';
import { evidenceFileForDownload, evidenceFilesOf, fileField, MAX_EVIDENCE_BYTES, readEvidenceForm } from './evidence.ts';
import { evidenceRoutes } from './evidence-routes.ts';
import { frameworkRoutes } from './framework-routes.ts';
import { isJobOutcomeType } from './framework.ts';
import { evidenceKindOf, NO_EVIDENCE, outcomeCorrectionForm, outcomeForm, TYPE_EVIDENCE, verificationForm } from './schemas.ts';
import { addOutcome, correctOutcome, outcomeProblems, recordedFrom } from './service.ts';
import { outcomeToVerify, verifyOutcome } from './verification.ts';
import { referralIdOf } from '../referrals/linked-outcome.ts';

const fileParams = recordParams.extend({ fileId: z.uuid() });

/** Outcomes a job start or an in-work check recorded are corrected (or marked in error) there. */
class RecordedElsewhereError extends AppError {
  constructor() {
    super(409, 'recorded-elsewhere', 'Recorded from employment', 'This outcome was recorded from a job start or an in-work check: correct it, or mark it entered in error, there.');
  }
}

/** The outcome form's choices: the types in use (not those employment records, unless it already is one), and the kinds of evidence. */
async function outcomeChoices(request: FastifyRequest, values: Record<string, unknown>) {
  const ctx = ctxOf(request);
  const [types, kinds] = await Promise.all([listChoices(ctx, 'outcome_type', values.outcomeType), listChoices(ctx, 'evidence_kind', values.evidenceKind)]);
  const typeItems = types.filter((type) => !isJobOutcomeType(type.code) || type.code === values.outcomeType);
  const evidence = values.evidenceKind ?? TYPE_EVIDENCE;
  return {
    outcomeTypes: [{ value: '', text: 'Choose a type' }, ...typeItems.map((t) => ({ value: t.code, text: t.label, selected: t.code === values.outcomeType }))],
    evidenceKinds: [
      { value: TYPE_EVIDENCE, text: 'What this type of outcome asks for', selected: evidence === TYPE_EVIDENCE },
      { value: NO_EVIDENCE, text: 'No evidence', selected: evidence === NO_EVIDENCE },
      ...kinds.map((k) => ({ value: k.code, text: k.label, selected: k.code === evidence })),
    ],
  };
}

/** Recording outcomes on a sign-up, with evidence; verifying them; correcting them; and the outcome framework. */
export function outcomeRoutes(app: FastifyInstance, _services: Services) {
  app.addHook('preHandler', async (request) => {
    if (!/\/outcomes\/:recordId(\/entered-in-error)?$/.test(request.routeOptions.url ?? '')) return;
    const { personId, recordId } = recordParams.parse(request.params);
    await authorizePerson(ctxOf(request), personId, 'people.write');
    if ((await recordedFrom(ctxOf(request), recordId)) !== null) throw new RecordedElsewhereError();
  });

  caseworkRoute(app, 'outcomes', async (request, reply) => {
    const upload = request.method === 'POST' ? await readEvidenceForm(request) : { fields: {} };
    if (request.method === 'POST' && request.isMultipart()) request.body = upload.fields;
    const values = (request.method === 'GET' ? { evidenceKind: TYPE_EVIDENCE, ...todaysDateParts('achievedOn', ctxOf(request).actor.timeZone), referralId: referralIdOf(request) } : (request.body ?? {})) as Record<string, unknown>;
    const problem = request.isMultipart() ? upload.problem : undefined;
    return caseworkForm({
      request,
      reply,
      template: 'outcomes/views/outcome.njk',
      title: 'Record an outcome',
      schema: problem ? outcomeForm.extend({ evidenceFile: fileField(false, problem) }) : outcomeForm,
      dates: ['achievedOn'],
      check: ({ evidenceKind, ...input }, { ctx, episode }) => outcomeProblems(ctx, episode, { ...input, evidenceKind: evidenceKind === undefined ? undefined : evidenceKindOf(evidenceKind) }),
      form: formState(values),
      view: { ...(await outcomeChoices(request, values)), upload: true, maxMegabytes: MAX_EVIDENCE_BYTES / 1024 / 1024 },
      work: async ({ achievedOn, evidenceKind, ...input }, ids) => {
        const file = 'file' in upload ? upload.file : undefined;
        await addOutcome({ ...ids, input: { ...input, achievedOn: achievedOn ?? '', evidenceKind: evidenceKindOf(evidenceKind) }, file, referralId: referralIdOf(request) });
        return file ? 'Outcome recorded with its evidence file' : 'Outcome recorded';
      },
    });
  });

  correctionRoute(app, {
    path: 'outcomes',
    table: 'outcome',
    template: 'outcomes/views/outcome.njk',
    title: 'Correct an outcome',
    schema: outcomeCorrectionForm,
    dates: ['achievedOn'],
    valuesOf: (row) => ({
      ...datePartsOf('achievedOn', row.achieved_on as string),
      outcomeType: row.outcome_type,
      detail: row.detail ?? '',
      evidenceKind: (row.evidence_kind as string | null) ?? NO_EVIDENCE,
      evidenceReference: row.evidence_reference ?? '',
    }),
    view: async (request, values) => {
      const { recordId } = recordParams.parse(request.params);
      const row = await ctxOf(request)
        .db.selectFrom('outcome')
        .select('verification')
        .where('programme_id', '=', ctxOf(request).actor.programmeId)
        .where('id', '=', recordId)
        .executeTakeFirst();
      return { ...(await outcomeChoices(request, values)), decided: row?.verification === 'verified' ? 'verified' : row?.verification === 'rejected' ? 'rejected' : null };
    },
    save: async ({ data: { version, achievedOn, evidenceKind, ...input }, recordId, ...ids }) => {
      await correctOutcome({ ...ids, outcomeId: recordId, version, input: { ...input, achievedOn: achievedOn ?? '', evidenceKind: evidenceKindOf(evidenceKind) } });
    },
    done: 'Outcome corrected',
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/people/:personId/sign-ups/:episodeId/outcomes/:recordId/verification',
    config: { access: 'outcomes.verify' },
    schema: { params: recordParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const { recordId, ...ids } = recordParams.parse(request.params);
      const { episode, outcome } = await outcomeToVerify(ctx, { ...ids, outcomeId: recordId });
      const values = (request.method === 'GET' ? { version: outcome.version } : (request.body ?? {})) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        template: 'outcomes/views/verification.njk',
        title: 'Verify an outcome',
        checked: episode,
        schema: verificationForm,
        form: formState(values),
        view: { outcome, files: await evidenceFilesOf(ctx, [outcome.id]), version: values.version ?? outcome.version },
        work: async (input) => {
          await verifyOutcome(ctx, { ...ids, outcomeId: recordId, input });
          return input.decision === 'verified' ? 'Outcome verified' : 'Outcome rejected';
        },
      });
    },
  });

  // Registered before "entered in error", so that a walk through the routes in order meets the outcome still counting.
  outcomesApiRoutes(app);
  evidenceRoutes(app);

  enteredInErrorRoutes(app, {
    path: 'outcomes',
    table: 'outcome',
    tags: ['Outcomes'],
    summary: ({ row }) => `Outcome on ${formatCalendarDate(row.achieved_on as string)}`,
  });

  app.get(
    '/people/:personId/sign-ups/:episodeId/outcomes/:recordId/evidence/:fileId',
    { config: { access: 'people.read' }, schema: { params: fileParams } },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const { personId, episodeId, recordId, fileId } = fileParams.parse(request.params);
      await authorizePerson(ctx, personId, 'people.read');
      await findEpisode(ctx, personId, episodeId);
      const file = await evidenceFileForDownload(ctx, { personId, episodeId, outcomeId: recordId, fileId });
      reply.header('x-content-type-options', 'nosniff');
      return sendAttachment(reply, { filename: file.fileName, type: file.mediaType, body: file.content });
    },
  );

  frameworkRoutes(app);
}
