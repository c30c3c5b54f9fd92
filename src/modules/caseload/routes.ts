import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { coordinatorFamilies } from '../families/home.ts';
import { today } from '../../http/date-fields.ts';
import { submitForm } from '../../http/form-submission.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { roleName } from '../auth/roles.ts';
import { audit } from '../audit/record.ts';
import {
  caseloadHref,
  caseloadQuery,
  DEFAULT_QUERY,
  pagination,
  PAGE_SIZE,
  sortHeaders,
  STAGES,
  TEAM_STAGES,
  UNALLOCATED,
  type CaseloadQuery,
  type Stage,
} from './filters.ts';
import { moveClients, moveForm, teamWorkers } from './move.ts';
import { expiredClearances, withClearanceWarnings } from '../staff/clearance-warning.ts';
import { presentRow } from './present.ts';
import { caseloadPage, stageCounts, type Scope } from './queries.ts';

export const MY_CASELOAD_PATH = '/caseload';
export const TEAM_CASELOAD_PATH = '/team/caseload';

/**
 * The caseload lists in the MoJ case-list pattern: filters on the left (a GET form), a table sorted
 * by links in its headers, GOV.UK pagination. My caseload is every caseworker's own clients (the
 * sign-ups they are assigned to now); the team caseload is a team leader's team's open sign-ups, with
 * a filter by worker, the unallocated queue, and "move selected clients to...".
 */
export function caseloadRoutes(app: FastifyInstance, _services: Services) {
  app.get(MY_CASELOAD_PATH, { config: { access: 'caseload.read' } }, (request, reply) => showList({ request, reply, team: false }));
  app.get(TEAM_CASELOAD_PATH, { config: { access: 'caseload.team' } }, (request, reply) => showList({ request, reply, team: true }));

  app.post(`${TEAM_CASELOAD_PATH}/move`, { config: { access: 'caseload.move' } }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const parsed = parseForm(caseloadQuery, request.query);
    const query = parsed.ok ? parsed.data : DEFAULT_QUERY;
    return submitForm({
      request,
      reply,
      schema: moveForm,
      render: (form, status) => showList({ request, reply, team: true, query, form, status }),
      work: async (input) => {
        const { moved, workerName } = await moveClients(ctx, input);
        const clients = moved === 1 ? '1 client' : `${moved} clients`;
        const warnings = await expiredClearances(ctx, input.episodes.map((episode) => ({ workerId: input.workerId, episodeId: episode.slice(0, 36).toLowerCase() })));
        return {
          redirectTo: caseloadHref(TEAM_CASELOAD_PATH, query),
          success: withClearanceWarnings(moved > 0 ? `${clients} moved to ${workerName}` : `They were already with ${workerName}`, warnings),
        };
      },
    });
  });
}

const EMPTY_FORM: FormState = { values: {}, errors: {}, errorList: [] };

async function showList(props: { request: FastifyRequest; reply: FastifyReply; team: boolean; query?: CaseloadQuery; form?: FormState; status?: number }) {
  const { request, reply, team } = props;
  const ctx = request.ctx as SignedInCtx;
  const path = team ? TEAM_CASELOAD_PATH : MY_CASELOAD_PATH;
  const parsed = props.query ? null : parseForm(caseloadQuery, request.query);
  const filterErrors = parsed && !parsed.ok ? parsed.form : null;
  const query: CaseloadQuery = props.query ?? (parsed?.ok ? parsed.data : DEFAULT_QUERY);
  const stages: readonly Stage[] = team ? TEAM_STAGES : (Object.keys(STAGES) as Stage[]);
  if (!stages.includes(query.stage) || (!team && query.worker))
    return showList({
      ...props,
      query: DEFAULT_QUERY,
      form: formState(request.query as Record<string, unknown>, [{ field: 'stage', message: 'Select a stage from the list' }]),
      status: 400,
    });
  const scope: Scope = team ? { kind: 'team', worker: query.worker } : { kind: 'mine' };
  const [counts, rows, workers, unallocated, myFamilies] = await Promise.all([
    stageCounts(ctx, scope),
    caseloadPage(ctx, { scope, query }),
    team ? teamWorkers(ctx) : Promise.resolve([]),
    team ? stageCounts(ctx, { kind: 'team', worker: UNALLOCATED }).then((c) => c.open) : Promise.resolve(0),
    team ? Promise.resolve(null) : coordinatorFamilies(ctx, 'caseload'),
  ]);
  await audit(ctx, { action: 'list', recordType: 'person', detail: { view: team ? 'team-caseload' : 'caseload', stage: query.stage, page: query.page } });
  const now = today(ctx.actor.timeZone);
  const total = counts[query.stage];
  const form = props.form ?? filterErrors ?? EMPTY_FORM;
  const selected = new Set([form.values.episodes ?? []].flat().map(String));
  return reply.code(props.status ?? (filterErrors ? 400 : 200)).view('caseload/views/list.njk', {
    pageTitle: team ? 'Team caseload' : 'My caseload',
    myFamilies,
    team,
    path,
    query,
    form,
    rows: rows.map((row) => ({ ...presentRow(row, now), checked: selected.has(`${row.episodeId}:${row.version}`) })),
    total,
    first: total === 0 ? 0 : (query.page - 1) * PAGE_SIZE + 1,
    last: Math.min(query.page * PAGE_SIZE, total),
    stageItems: stages.map((stage) => ({ value: stage, text: `${STAGES[stage]} (${counts[stage]})`, checked: stage === query.stage })),
    stageName: STAGES[query.stage],
    workerItems: [
      { value: '', text: 'Anyone' },
      { value: UNALLOCATED, text: `Nobody: unallocated (${unallocated})`, selected: query.worker === UNALLOCATED },
      ...workers.map((worker) => ({ value: worker.id, text: `${worker.name}, ${roleName(worker.role)}`, selected: query.worker === worker.id })),
    ],
    moveItems: [
      { value: '', text: 'Choose a worker' },
      ...workers.map((worker) => ({ value: worker.id, text: `${worker.name}, ${roleName(worker.role)}`, selected: form.values.workerId === worker.id })),
    ],
    unallocated,
    unallocatedHref: caseloadHref(TEAM_CASELOAD_PATH, DEFAULT_QUERY, { worker: UNALLOCATED }),
    headers: sortHeaders(path, query),
    pagination: pagination(path, query, total),
    moveAction: `${TEAM_CASELOAD_PATH}/move${caseloadHref('', query)}`,
  });
}
