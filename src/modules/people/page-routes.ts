import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { datePartsOf, gatherDateParts } from '../../http/date-fields.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import { personChoices } from './choices.ts';
import { PEOPLE_PATH, peopleSearchDownload } from './search-download.ts';
import { carriedPrisonNumber, personForm, prisonNumberIn, searchQuery } from './schemas.ts';
import { createPerson, EDITABLE_FIELDS, getPerson, personProblems, PossibleDuplicateError, searchPeople, updatePerson, type PersonChanges, type PersonRecord } from './service.ts';
import type { DuplicateCandidates } from './queries.ts';

/** The person form's fields as the page shows them. */
const PERSON_FORM_ORDER = ['firstName', 'lastName', 'dateOfBirth', 'prisonNumber', 'gender', 'localAuthorityId', 'phone', 'email', 'address', 'riskToStaff', 'riskNote'];

const params = z.object({ personId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

export function personPageRoutes(app: FastifyInstance) {
  app.get(PEOPLE_PATH, { config: { access: 'people.read' } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const canCreate = can(ctx.actor, 'people.create');
    const parsed = parseForm(searchQuery, request.query);
    if (!parsed.ok) {
      const { form } = parsed;
      return reply.code(400).view('people/views/search.njk', { pageTitle: 'Find a person', form, q: form.values.q, results: null, canCreate });
    }
    const { q } = parsed.data;
    const results = q ? await searchPeople({ ctx, q }) : null;
    const downloads = downloadLinks({ path: PEOPLE_PATH, query: { q } });
    const newPrisonNumber = canCreate && results?.length === 0 ? prisonNumberIn(q) : undefined;
    return reply.view('people/views/search.njk', { pageTitle: q ? `People matching “${q}”` : 'Find a person', q, results, canCreate, downloads, newPrisonNumber });
  });

  downloadRoutes(app, { path: PEOPLE_PATH, access: 'people.read', build: (request) => peopleSearchDownload({ ctx: ctxOf(request), query: request.query }) });

  // A prison number searched for and not found comes with the link to add them, checked like one typed.
  app.get('/people/new', { config: { access: 'people.create' } }, async (request, reply) => {
    const carried = parseForm(carriedPrisonNumber, request.query);
    if (!carried.ok) return renderPersonForm(request, reply, { form: carried.form, status: 400 });
    return renderPersonForm(request, reply, { form: formState({ prisonNumber: carried.data.prisonNumber ?? '' }), status: 200 });
  });

  app.post('/people', { config: { access: 'people.create' } }, async (request, reply) => {
    const body = gatherDateParts(request.body, ['dateOfBirth']);
    try {
      return await submitForm({
        request: { ...request, body } as FastifyRequest,
        reply,
        schema: personForm,
        order: PERSON_FORM_ORDER,
        check: (input) => personProblems(ctxOf(request), input),
        render: (form, status) => renderPersonForm(request, reply, { form, status }),
        work: async (input) => {
          const person = await createPerson({ ctx: ctxOf(request), input });
          return { redirectTo: `/people/${person.id}`, success: `Record created for ${person.firstName} ${person.lastName}` };
        },
      });
    } catch (error) {
      if (!(error instanceof PossibleDuplicateError)) throw error;
      return renderPersonForm(request, reply, { form: formState(body), status: 409, duplicates: error.candidates });
    }
  });

  app.get('/people/:personId/edit', { config: { access: 'people.write' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    const person = await getPerson({ ctx: ctxOf(request), personId });
    return renderPersonForm(request, reply, { person, form: formState(valuesOf(person)), status: 200 });
  });

  app.post('/people/:personId', { config: { access: 'people.write' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    const ctx = ctxOf(request);
    const person = await getPerson({ ctx, personId });
    const body = gatherDateParts(request.body, ['dateOfBirth']);
    return submitForm({
      request: { ...request, body } as FastifyRequest,
      reply,
      schema: personForm,
      order: PERSON_FORM_ORDER,
      check: (input) => personProblems(ctx, input, personId),
      render: (form, status) => renderPersonForm(request, reply, { person, form, status }),
      work: async ({ version, original, notDuplicate: _notDuplicate, prisonNumber: _prisonNumber, ...fields }) => {
        const changes: PersonChanges = Object.fromEntries(Object.keys(EDITABLE_FIELDS).map((key) => [key, fields[key as keyof typeof fields] ?? null]));
        await updatePerson({ ctx, personId, version: version ?? 0, original: decodeOriginal(original), changes });
        return { redirectTo: `/people/${personId}`, success: 'Personal details saved' };
      },
    });
  });
}

/** The values as the form was loaded, carried in the form so a conflict can say what others changed. */
function valuesOf(person: PersonRecord) {
  const editable = Object.fromEntries(Object.keys(EDITABLE_FIELDS).map((key) => [key, person[key as keyof PersonRecord] ?? '']));
  return {
    ...editable,
    ...datePartsOf('dateOfBirth', person.dateOfBirth),
    riskToStaff: person.riskToStaff ? 'yes' : '',
    version: person.version,
    original: Buffer.from(JSON.stringify(editable)).toString('base64url'),
  };
}

function decodeOriginal(original: string | undefined): Record<string, unknown> | undefined {
  if (!original) return undefined;
  try {
    return z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.from(original, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

async function renderPersonForm(
  request: FastifyRequest,
  reply: FastifyReply,
  props: { person?: PersonRecord; form: FormState; status: number; duplicates?: DuplicateCandidates },
) {
  const choices = await personChoices(ctxOf(request), props.form.values);
  return reply.code(props.status).view('people/views/form.njk', {
    pageTitle: props.person ? `Change personal details – ${props.person.firstName} ${props.person.lastName}` : 'Add a person',
    ...props,
    ...choices,
  });
}
