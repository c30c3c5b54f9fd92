import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { gatherDateParts } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';

export const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
export const paramsOf = (request: FastifyRequest) => request.params as Record<string, string>;

/** What a directory form page needs: the record's values (a change) or the starting values (new), and what the page shows beside the fields. */
interface Loaded {
  values: Record<string, unknown>;
  title: string;
  backHref: string;
  view?: (values: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

/**
 * One add or change page of the directory, kept by team leaders and administrators: GET shows the
 * form, POST checks it (the schema, then the database's checks on the valid fields) and saves, then
 * back to the organisation's page with a banner; a problem shows the GOV.UK error summary and the
 * values typed, and changes nothing.
 */
export function directoryForm<S extends z.ZodType>(
  app: FastifyInstance,
  props: {
    url: string;
    template: string;
    schema: S;
    dates?: string[];
    load: (request: FastifyRequest) => Promise<Loaded>;
    check?: (request: FastifyRequest, data: Partial<z.output<S>>) => Promise<FieldProblem[]>;
    save: (request: FastifyRequest, data: z.output<S>) => Promise<{ redirectTo: string; success: string }>;
  },
) {
  app.route({
    method: ['GET', 'POST'],
    url: props.url,
    config: { access: 'agencies.write' },
    schema: { params: idParams(props.url) },
    handler: async (request, reply) => {
      const loaded = await props.load(request);
      const render = async (form: FormState, status: number) =>
        reply.code(status).view(props.template, {
          pageTitle: loaded.title,
          form,
          backHref: loaded.backHref,
          action: request.url.split('?')[0],
          ...(await loaded.view?.(form.values)),
        });
      if (request.method === 'GET') return render(formState(loaded.values), 200);
      const { check } = props;
      return submitForm({
        request: { ...request, body: gatherDateParts(request.body, props.dates ?? []) } as FastifyRequest,
        reply,
        schema: props.schema,
        render,
        check: check && ((data) => check(request, data)),
        work: (data) => props.save(request, data),
      });
    },
  });
}

/** A route's :somethingId parameters, each a uuid (anything else is not found, never a database error). */
export const idParams = (url: string) => z.object(Object.fromEntries([...url.matchAll(/:(\w+)/g)].map(([, name]) => [name as string, z.uuid()])));

/** Checkbox items from rows, those in `chosen` checked. */
export const checkboxItems = (rows: { value: string; text: string }[], chosen: unknown) => {
  const picked = [chosen ?? []].flat().map(String);
  return rows.map((row) => ({ ...row, checked: picked.includes(row.value) }));
};
