import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { choiceForm, choiceUpdateForm, listParam, LISTS, rulesForm } from './schemas.ts';
import { addEntry, getEntry, getRules, listEntries, saveRules, updateEntry } from './service.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;
const entryParams = listParam.extend({ id: z.uuid() });

export function settingsRoutes(app: FastifyInstance, _services: Services) {
  // Outcome types are kept on the outcome framework's pages, which write each type with its rule.
  app.addHook('preHandler', async (request, reply) => {
    if ((request.params as { list?: string } | undefined)?.list === 'outcome_type') return reply.redirect('/admin/settings/outcome-types');
  });

  app.get('/admin/settings', { config: { access: 'settings.manage' } }, async (request, reply) => {
    const rules = await getRules(ctxOf(request));
    return reply.view('settings/views/index.njk', { pageTitle: 'Programme settings', form: formState({ ...rules, inWorkCheckWeeks: rules.inWorkCheckWeeks.join(', ') }), lists: LISTS });
  });

  app.post('/admin/settings', { config: { access: 'settings.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: rulesForm,
      render: (form, status) => reply.code(status).view('settings/views/index.njk', { pageTitle: 'Programme settings', form, lists: LISTS }),
      work: async (rules) => {
        await saveRules(ctxOf(request), rules);
        return { redirectTo: '/admin/settings', success: 'Programme rules saved' };
      },
    }),
  );

  app.get('/admin/settings/lists/:list', { config: { access: 'settings.manage' }, schema: { params: listParam } }, async (request, reply) => {
    const { list } = listParam.parse(request.params);
    return renderList(request, reply, list, formState({ active: 'yes' }), 200);
  });

  app.post('/admin/settings/lists/:list', { config: { access: 'settings.manage' }, schema: { params: listParam } }, async (request, reply) => {
    const { list } = listParam.parse(request.params);
    return submitForm({
      request,
      reply,
      schema: choiceForm,
      render: (form, status) => renderList(request, reply, list, form, status),
      work: async (entry) => {
        await addEntry(ctxOf(request), list, entry);
        return { redirectTo: `/admin/settings/lists/${list}`, success: `${entry.label} added` };
      },
    });
  });

  app.get('/admin/settings/lists/:list/:id', { config: { access: 'settings.manage' }, schema: { params: entryParams } }, async (request, reply) => {
    const { list, id } = entryParams.parse(request.params);
    const entry = await getEntry(ctxOf(request), list, id);
    return reply.view('settings/views/entry.njk', {
      pageTitle: `Change ${entry.label}`,
      list,
      meta: LISTS[list],
      entry,
      form: formState({ label: entry.label, sortOrder: entry.sortOrder, active: entry.active ? 'yes' : '', version: entry.version }),
    });
  });

  app.post('/admin/settings/lists/:list/:id', { config: { access: 'settings.manage' }, schema: { params: entryParams } }, async (request, reply) => {
    const { list, id } = entryParams.parse(request.params);
    const entry = await getEntry(ctxOf(request), list, id);
    return submitForm({
      request,
      reply,
      schema: choiceUpdateForm,
      render: (form, status) => reply.code(status).view('settings/views/entry.njk', { pageTitle: `Change ${entry.label}`, list, meta: LISTS[list], entry, form }),
      work: async ({ version, ...changes }) => {
        await updateEntry(ctxOf(request), list, id, version, changes);
        return { redirectTo: `/admin/settings/lists/${list}`, success: `${changes.label} saved` };
      },
    });
  });
}

async function renderList(request: FastifyRequest, reply: FastifyReply, list: keyof typeof LISTS, form: FormState, status: number) {
  const entries = await listEntries(ctxOf(request), list);
  return reply.code(status).view('settings/views/list.njk', { pageTitle: LISTS[list].title, list, meta: LISTS[list], entries, form });
}
