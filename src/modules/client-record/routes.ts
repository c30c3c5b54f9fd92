import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import type { Services } from '../../services.ts';
import { aliasForm } from '../people/schemas.ts';
import { addAlias } from '../people/service.ts';
import { mergeRoutes } from './merge-routes.ts';
import { personPage } from './person-page.ts';
import { signUpRoutes } from './sign-up-routes.ts';

const params = z.object({ personId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** The pages that show a client's whole record: the person, one sign-up, and merging two records. */
export function clientRecordRoutes(app: FastifyInstance, _services: Services) {
  app.get('/people/:personId', { config: { access: 'people.read' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    return reply.view('client-record/views/person.njk', await personPage(ctxOf(request), personId));
  });

  app.post('/people/:personId/aliases', { config: { access: 'people.write' }, schema: { params } }, async (request, reply) => {
    const { personId } = params.parse(request.params);
    return submitForm({
      request,
      reply,
      schema: aliasForm,
      render: async (form, status) => reply.code(status).view('client-record/views/person.njk', { ...(await personPage(ctxOf(request), personId)), aliasForm: form }),
      work: async (alias) => {
        await addAlias({ ctx: ctxOf(request), personId, ...alias });
        return { redirectTo: `/people/${personId}#aliases`, success: `Alias ${alias.firstName} ${alias.lastName} added` };
      },
    });
  });

  signUpRoutes(app);
  mergeRoutes(app);
}
