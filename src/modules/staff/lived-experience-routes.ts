import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { flash, submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { ctxOf } from './form-route.ts';
import { ownLivedExperience, saveLivedExperience, withdrawLivedExperience } from './lived-experience.ts';
import { LIVED_EXPERIENCE, livedExperienceForm } from './schemas.ts';

const PATH = '/account/lived-experience';

/** The worker's own lived experience: given or changed by them only, and withdrawn by them. */
export function livedExperienceRoutes(app: FastifyInstance) {
  const show = async (request: FastifyRequest, reply: FastifyReply, form: FormState | null, status: number) => {
    const held = await ownLivedExperience(ctxOf(request));
    const values = form?.values ?? (held ? { experience: held.experience, note: held.note ?? '', version: held.version } : {});
    const chosen = [values.experience ?? []].flat();
    return reply.code(status).view('staff/views/lived-experience.njk', {
      pageTitle: 'Lived experience',
      held,
      form: form ?? formState(values),
      version: values.version,
      items: Object.entries(LIVED_EXPERIENCE).map(([value, text]) => ({ value, text, checked: chosen.includes(value) })),
      labels: LIVED_EXPERIENCE,
    });
  };

  app.route({
    method: ['GET', 'POST'],
    url: PATH,
    config: { access: 'livedExperience.own' },
    handler: async (request, reply) => {
      if (request.method === 'GET') return show(request, reply, null, 200);
      return submitForm({
        request,
        reply,
        schema: livedExperienceForm,
        render: (form, status) => show(request, reply, form, status),
        work: async (input) => {
          await saveLivedExperience(ctxOf(request), input);
          return { redirectTo: PATH, success: input.version === undefined ? 'Your lived experience is recorded' : 'Your lived experience is changed' };
        },
      });
    },
  });

  app.post(`${PATH}/withdraw`, { config: { access: 'livedExperience.own' } }, async (request, reply) => {
    const withdrawn = await withdrawLivedExperience(ctxOf(request));
    await flash(request, withdrawn ? 'Your lived experience is withdrawn: it is no longer held' : 'You had not given your lived experience');
    return reply.redirect(PATH);
  });
}
