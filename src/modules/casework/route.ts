import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../auth/policy.ts';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { gatherDateParts } from '../../http/date-fields.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { submitForm } from '../../http/form-submission.ts';
import type { FormState } from '../../http/forms.ts';
import { audit } from '../audit/record.ts';
import { loadPerson } from '../people/service.ts';
import { authorizePerson } from '../people/access.ts';
import { episodeHref, writableEpisode, type EpisodeRow } from './episodes.ts';

export const episodeParams = z.object({ personId: z.uuid(), episodeId: z.uuid() });

/** Registers a form page about one sign-up: GET shows it, POST submits it, at .../sign-ups/:episodeId/<path>. */
export function caseworkRoute(
  app: FastifyInstance,
  path: string,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>,
  access: Action = 'people.write',
) {
  app.route({ method: ['GET', 'POST'], url: `/people/:personId/sign-ups/:episodeId/${path}`, config: { access }, schema: { params: episodeParams }, handler });
}
export const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * The shared shape of every form about one sign-up (a visit, a contact, the liberation...): check
 * the person may be worked with and the sign-up is open, show the form with their name, validate
 * with the schema (GOV.UK dates gathered first), do the work, and go back to the sign-up page with
 * a banner.
 */
export async function caseworkForm<S extends z.ZodType>(props: {
  request: FastifyRequest;
  reply: FastifyReply;
  template: string;
  title: string;
  schema?: S;
  dates?: string[];
  form?: FormState;
  view?: Record<string, unknown>;
  /** What the form needs of the person (people.write unless said). */
  access?: Action;
  /** The sign-up, when the caller has already checked the person and loaded it (a correction has). */
  checked?: EpisodeRow;
  /** Where to go back to, and on success (the sign-up page unless said). */
  returnTo?: string;
  work?: (data: z.output<S>, ids: { personId: string; episodeId: string; ctx: SignedInCtx }) => Promise<string>;
  /** The work's checks against the sign-up and the lists, on whichever fields are valid (see submitForm). */
  check?: (data: Partial<z.output<S>>, about: { ctx: SignedInCtx; episode: EpisodeRow }) => Promise<FieldProblem[]>;
  /** The fields in page order, where the schema's order is not the page's. */
  order?: readonly string[];
}) {
  const { request, reply } = props;
  const { personId, episodeId } = episodeParams.parse(request.params);
  const ctx = ctxOf(request);
  if (!props.checked) await authorizePerson(ctx, personId, props.access ?? 'people.write');
  const [person, episode] = await Promise.all([loadPerson(ctx, personId), props.checked ?? writableEpisode(ctx, personId, episodeId)]);
  const render = async (form: FormState, status: number) => {
    await audit(ctx, { action: 'read', recordType: 'person', recordId: personId });
    return reply.code(status).view(props.template, {
      pageTitle: props.title,
      person,
      episode,
      form,
      backHref: props.returnTo ?? episodeHref(personId, episodeId),
      action: request.url.split('?')[0],
      version: episode.version,
      ...props.view,
    });
  };
  const { schema, work, check } = props;
  if (!schema || !work || request.method === 'GET') return render(props.form ?? { values: {}, errors: {}, errorList: [] }, 200);
  return submitForm({
    request: { ...request, body: gatherDateParts(request.body, props.dates ?? []) } as FastifyRequest,
    reply,
    schema,
    render,
    check: check && ((data) => check(data, { ctx, episode })),
    order: props.order,
    work: async (data) => ({ redirectTo: props.returnTo ?? episodeHref(personId, episodeId), success: await work(data, { personId, episodeId, ctx }) }),
  });
}
