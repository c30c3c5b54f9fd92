import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import type { CorrectableRecord } from '../../db/schema.ts';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { FieldProblem } from '../../http/errors.ts';
import type { EpisodeRow } from './episodes.ts';
import { formState } from '../../http/forms.ts';
import { correctableRecord, CORRECTABLE, markEnteredInError, type Correctable, type InStep } from './corrections.ts';
import { caseworkForm, ctxOf, episodeParams } from './route.ts';

export const recordParams = episodeParams.extend({ recordId: z.uuid() });

/** Why a record was entered in error: required, at most 1000 characters. */
export const reasonText = z
  .string({ error: 'Enter why it was entered in error' })
  .trim()
  .min(1, 'Enter why it was entered in error')
  .max(1000, 'The reason must be 1000 characters or fewer');
/** Marking a record entered in error: the reason, from the version shown. */
export const enteredInErrorForm = z.object({ reason: reasonText, version: z.coerce.number().int().min(1) });

/**
 * The page correcting one record of a kind, at .../sign-ups/:episodeId/<path>/:recordId: the form
 * the record was entered with, filled from it (with its version), saved through `save`.
 */
export function correctionRoute<S extends z.ZodType<{ version: number }>>(
  app: FastifyInstance,
  props: {
    path: string;
    table: CorrectableRecord;
    template: string;
    title: string;
    /** The form's schema, or its builder from the record (a form whose fields depend on it: a reading's areas). */
    schema: S | ((request: FastifyRequest, record: Correctable) => Promise<S>);
    dates?: string[];
    /** The form's values from the stored record (and what it owns, such as a reading's scores). */
    valuesOf: (row: Correctable['row'], request: FastifyRequest) => Record<string, unknown> | Promise<Record<string, unknown>>;
    /** What else the form shows (its choices), for the values given. */
    view?: (request: FastifyRequest, values: Record<string, unknown>) => Promise<Record<string, unknown>>;
    save: (props: { ctx: SignedInCtx; personId: string; episodeId: string; recordId: string; data: z.output<S> }) => Promise<void>;
    /** The save's checks against the sign-up and the lists, run with the form's own (see submitForm). */
    check?: (data: Partial<z.output<S>>, about: { ctx: SignedInCtx; episode: EpisodeRow; row: Correctable['row'] }) => Promise<FieldProblem[]>;
    order?: readonly string[];
    done: string;
  },
) {
  app.route({
    method: ['GET', 'POST'],
    url: `/people/:personId/sign-ups/:episodeId/${props.path}/:recordId`,
    config: { access: 'people.write' },
    schema: { params: recordParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const ids = recordParams.parse(request.params);
      const { row, episode } = await correctableRecord(ctx, { ...ids, table: props.table });
      const values = request.method === 'GET' ? { ...(await props.valuesOf(row, request)), version: row.version } : (request.body as Record<string, unknown>);
      return caseworkForm({
        request,
        reply,
        template: props.template,
        title: props.title,
        checked: episode,
        schema: typeof props.schema === 'function' ? await props.schema(request, { row, episode }) : props.schema,
        dates: props.dates,
        check: props.check && ((data, about) => props.check?.(data, { ...about, row }) ?? Promise.resolve([])),
        order: props.order,
        form: formState(values),
        view: { ...(await props.view?.(request, values)), version: values.version, buttonText: 'Save correction' },
        work: async (data) => {
          await props.save({ ctx, ...ids, data });
          return props.done;
        },
      });
    },
  });
}

/**
 * "Entered in error" for one kind of record, the same everywhere: a page at
 * .../sign-ups/:episodeId/<path>/:recordId/entered-in-error asking for the reason, and
 * POST /api/v1/.../<path>/:recordId/entered-in-error.
 */
export function enteredInErrorRoutes(
  app: FastifyInstance,
  props: { path: string; table: CorrectableRecord; summary: (record: Correctable) => string; tags: string[]; inStep?: InStep },
) {
  const { path, table, inStep } = props;
  app.route({
    method: ['GET', 'POST'],
    url: `/people/:personId/sign-ups/:episodeId/${path}/:recordId/entered-in-error`,
    config: { access: 'people.write' },
    schema: { params: recordParams },
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const ids = recordParams.parse(request.params);
      const record = await correctableRecord(ctx, { ...ids, table });
      const values = (request.method === 'GET' ? { version: record.row.version } : request.body) as Record<string, unknown>;
      return caseworkForm({
        request,
        reply,
        template: 'casework/views/entered-in-error.njk',
        checked: record.episode,
        title: `Mark this ${CORRECTABLE[table].what} as entered in error`,
        schema: enteredInErrorForm,
        form: formState(values),
        view: { recordSummary: props.summary(record), version: values.version ?? record.row.version },
        work: async ({ reason, version }) => {
          await markEnteredInError(ctx, { ...ids, table, version, reason, inStep });
          return `The ${CORRECTABLE[table].what} is marked as entered in error`;
        },
      });
    },
  });

  apiOf(app).post(
    `/api/v1/people/:personId/sign-ups/:episodeId/${path}/:recordId/entered-in-error`,
    {
      config: { access: 'people.write' },
      schema: {
        tags: props.tags,
        summary: `Mark a ${CORRECTABLE[table].what} as entered in error (kept, counted nowhere)`,
        params: recordParams,
        body: z.object({ reason: reasonText, version: z.number().int().min(1) }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await markEnteredInError(ctxOf(request), { ...request.params, table, ...request.body, inStep });
      return reply.code(204).send(null);
    },
  );
}
