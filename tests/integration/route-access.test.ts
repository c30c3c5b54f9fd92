import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { createSession } from '../../src/modules/auth/sessions.ts';
import { ROLES, STAFF_ROLES, type Role } from '../../src/modules/auth/roles.ts';
import { buildContact, buildEpisode, buildPerson, buildVisit } from '../support/journey.ts';
import { buildReading } from '../support/distance.ts';
import { DEFAULT_CHOICES } from '../../src/seed/default-choices.ts';
import { buildOutcome, smallPdf } from '../support/outcomes.ts';
import { buildActivity, buildCheck, buildJobStart, buildTrainingPlace } from '../support/employment.ts';
import { buildAppointment } from '../support/appointments.ts';
import { anonymous, auditRows, buildTestApp, demoUser, type TestApp } from '../support/test-app.ts';
import { agencyVersion, buildAgencySamples } from '../support/agencies.ts';
import { buildDemoAgencyReferral } from '../support/referral-portal.ts';
import { walkers } from '../support/route-walk.ts';
import { buildFamilySamples } from '../support/families.ts';
import { buildFunderSamples } from '../support/funder-returns.ts';
import { buildStaffSamples } from '../support/staff.ts';

/**
 * Every registered route, called as every role and as an anonymous visitor, against this table.
 * A route missing from the table fails the suite: a new route must say who may use it.
 * `audited` routes must write an audit event when allowed; a route that reads a person
 * (a :userId or :personId in its path, or a list of them) must be marked audited.
 */
type Allowed = 'public' | readonly Role[];
interface Rule {
  allow: Allowed;
  audited?: boolean;
  /** What to request for a wildcard route. */
  sample?: string;
  /** A valid body, so that allowed writes really write (and are audited). */
  body?: () => Promise<Record<string, unknown>>;
}

const EVERYONE = ROLES;
const STAFF = STAFF_ROLES;
const ADMIN: Role[] = ['administrator'];
const CASEWORK: Role[] = ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator', 'team_leader'];
const CREATORS: Role[] = ['prison_life_coach', 'community_life_coach', 'team_leader'];
const LEADER: Role[] = ['team_leader'];
const IMPORTERS: Role[] = ['team_leader', 'administrator'];
const RESEARCH: Role[] = ['manager', 'analyst'];
const VERIFIERS: Role[] = ['employment_consultant', 'team_leader'];

/** Routes about one sign-up: every caseworker allocated to (or in the team of) the client. */
const signUpRules = (path: string, methods: ('GET' | 'POST')[], allow: Role[] = CASEWORK): Record<string, Rule> =>
  Object.fromEntries(methods.map((method) => [`${method} /people/:personId/sign-ups/:episodeId${path}`, { allow, audited: true }]));
const REPORTS: Role[] = ['team_leader', 'manager', 'analyst'];

/** A distance-travelled reading's scores: every default area. */
const DISTANCE_SCORES = DEFAULT_CHOICES.distance_area.map(([area]) => ({ area, clientScore: 5 }));

/** A kind of record's correction page and API, and its "entered in error" page and API. */
const CORRECTABLE = {
  contacts: { table: 'contact', body: { contactOn: '2026-10-03', contactType: 'phone', outcome: 'happened' } },
  visits: { table: 'pre_release_visit', body: { visitedOn: '2026-10-03' } },
  appointments: { table: 'day_one_appointment', body: { appointmentOn: '2026-10-06', agency: 'Jobcentre' } },
  actions: { table: 'plan_action', body: { domain: 'accommodation', goal: 'A home', action: 'Call the council' } },
  outcomes: { table: 'outcome', body: { outcomeType: 'training', achievedOn: '2026-10-03' } },
  'distance-readings': { table: 'distance_reading', body: { readOn: '2026-10-03', reoffending: 'no', scores: DISTANCE_SCORES } },
  'employability-activities': { table: 'employability_activity', body: { kind: 'cv', startedOn: '2026-10-03' } },
  'job-starts': { table: 'job_start', body: { employer: 'Walk Ltd', jobTitle: 'Walker', hoursPerWeek: 30, contractType: 'permanent', startedOn: '2026-10-03' } },
  'in-work-checks': { table: 'in_work_check', body: { checkedOn: '2026-10-03', inWork: true } },
  'training-places': { table: 'training_place', body: { kind: 'training', provider: 'College', course: 'Walking', startedOn: '2026-10-03', ending: { status: 'started' } } },
} as const;
const correctionRules = (path: keyof typeof CORRECTABLE): Record<string, Rule> => {
  const { table, body } = CORRECTABLE[path];
  return {
    ...signUpRules(`/${path}/:recordId`, ['GET', 'POST'], LEADER),
    ...signUpRules(`/${path}/:recordId/entered-in-error`, ['GET', 'POST'], LEADER),
    [`PUT /api/v1/people/:personId/sign-ups/:episodeId/${path}/:recordId`]: { allow: LEADER, audited: true, body: async () => ({ ...body, version: await versionOf(table, ids[path]) }) },
    [`POST /api/v1/people/:personId/sign-ups/:episodeId/${path}/:recordId/entered-in-error`]: {
      allow: LEADER,
      audited: true,
      body: async () => ({ reason: 'Walked by the route test', version: await versionOf(table, ids[path]) }),
    },
  };
};

/** A page's two downloads (with the page's querystring, if it needs one): the page's access, and always audited (an export). */
const downloadRules = (path: string, props: { allow: Allowed; query?: string }): Record<string, Rule> =>
  Object.fromEntries(
    ['csv', 'xlsx'].map((format) => [`GET ${path}.${format}`, { allow: props.allow, audited: true, sample: props.query && `${path}.${format}?${props.query}` }]),
  );

const referenceRules = (slug: string): Record<string, Rule> => ({
  [`GET /admin/reference/${slug}`]: { allow: STAFF },
  ...downloadRules(`/admin/reference/${slug}`, { allow: STAFF }),
  [`GET /admin/reference/${slug}/new`]: { allow: ADMIN },
  [`POST /admin/reference/${slug}`]: { allow: ADMIN },
  [`GET /admin/reference/${slug}/:id`]: { allow: ADMIN, audited: true },
  [`POST /admin/reference/${slug}/:id`]: { allow: ADMIN },
  [`GET /api/v1/${slug}`]: { allow: STAFF },
  [`POST /api/v1/${slug}`]: { allow: ADMIN },
  [`GET /api/v1/${slug}/:id`]: { allow: STAFF, audited: true },
  [`PATCH /api/v1/${slug}/:id`]: { allow: ADMIN },
});

const TABLE: Record<string, Rule> = {
  'GET /assets/*': { allow: 'public', sample: '/assets/govuk-frontend.min.css' },
  'GET /assets/moj/*': { allow: 'public', sample: '/assets/moj/moj-frontend.min.css' },
  'GET /api/docs': { allow: 'public' },
  'GET /api/docs/static/index.html': { allow: 'public' },
  'GET /api/docs/static/swagger-initializer.js': { allow: 'public' },
  'GET /api/docs/json': { allow: 'public' },
  'GET /api/docs/yaml': { allow: 'public' },
  'GET /api/docs/static/*': { allow: 'public', sample: '/api/docs/static/swagger-ui.css' },
  'GET /healthz': { allow: 'public' },
  'GET /readyz': { allow: 'public' },
  'GET /sign-in': { allow: 'public' },
  'POST /sign-in': { allow: 'public' },
  'POST /sign-out': { allow: EVERYONE, audited: true },
  'GET /signed-out': { allow: 'public' },
  // Footer pages (about/): for everyone, signed in or not.
  'GET /accessibility': { allow: 'public' },
  'GET /privacy': { allow: 'public' },
  'GET /cookies': { allow: 'public' },
  'GET /account': { allow: EVERYONE },
  'POST /account/password': { allow: EVERYONE },
  // Second factor (issue 12): the sign-in pages of a session waiting for it are open to anyone (each
  // sends a visitor without a waiting session to sign in, or home); the account's own pages; the administrator's.
  'GET /sign-in/second-factor': { allow: 'public' },
  'POST /sign-in/second-factor': { allow: 'public' },
  'GET /sign-in/recovery-code': { allow: 'public' },
  'POST /sign-in/recovery-code': { allow: 'public' },
  'GET /sign-in/second-factor/set-up': { allow: 'public' },
  'POST /sign-in/second-factor/set-up': { allow: 'public' },
  'POST /sign-in/second-factor/cancel': { allow: 'public' },
  'GET /account/second-factor': { allow: EVERYONE },
  'POST /account/second-factor': { allow: EVERYONE, body: async () => ({ code: '000000' }) },
  'GET /account/second-factor/recovery-codes': { allow: EVERYONE },
  'POST /account/second-factor/recovery-codes': { allow: EVERYONE, body: async () => ({ code: '000000' }) },
  'GET /admin/users/:userId/second-factor/reset': { allow: ADMIN, audited: true },
  'POST /admin/users/:userId/second-factor/reset': { allow: ADMIN, audited: true },
  'GET /admin/settings/second-factor': { allow: ADMIN },
  'POST /admin/settings/second-factor': { allow: ADMIN, body: async () => ({ secondFactorRequired: 'environment' }) },
  'GET /': { allow: EVERYONE },
  ...downloadRules('/caseload', { allow: CASEWORK, query: 'table=liberations' }),
  // Caseload lists: every caseworker's own; a team leader's team's, and moving its clients (audited per person moved).
  'GET /caseload': { allow: CASEWORK, audited: true },
  'GET /caseload/:list': { allow: CASEWORK, audited: true, sample: '/caseload/liberations' },
  'GET /team/caseload': { allow: LEADER, audited: true },
  'POST /team/caseload/move': {
    allow: LEADER,
    audited: true,
    // To a coach not already with the client (earlier walks may have made one of them their worker), so that something moves.
    body: async () => {
      const current = await test.database.db.selectFrom('assignment').select('worker_id').where('episode_id', '=', ids.episodeId ?? '').where('to_on', 'is', null).execute();
      const coaches = [await demoUser(test, 'prison_life_coach'), await demoUser(test, 'community_life_coach')];
      const worker = coaches.find((coach) => !current.some((row) => row.worker_id === coach.id)) ?? coaches[0];
      return { episodes: `${ids.episodeId}:${await versionOf('episode', ids.episodeId)}`, workerId: worker?.id ?? '' };
    },
  },
  'GET /admin/users': { allow: ADMIN, audited: true },
  ...downloadRules('/admin/users', { allow: ADMIN }),
  'GET /admin/users/new': { allow: ADMIN },
  'POST /admin/users': { allow: ADMIN },
  'GET /admin/users/:userId': { allow: ADMIN, audited: true },
  'GET /admin/users/:userId/edit': { allow: ADMIN, audited: true },
  'POST /admin/users/:userId': {
    allow: ADMIN,
    audited: true,
    body: async () => ({ email: 'walk.target@roop.example', displayName: 'Walk Target', role: 'analyst', teamId: '', version: await targetVersion() }),
  },
  'POST /admin/users/:userId/deactivate': { allow: ADMIN, audited: true, body: async () => ({ version: await targetVersion() }) },
  'POST /admin/users/:userId/reactivate': { allow: ADMIN, audited: true, body: async () => ({ version: await targetVersion() }) },
  'GET /admin/users/:userId/password': { allow: ADMIN, audited: true },
  'POST /admin/users/:userId/password': { allow: ADMIN, audited: true, body: async () => ({ password: 'a stroll along the canal' }) },
  'POST /admin/users/:userId/end-sessions': { allow: ADMIN, audited: true },
  // API tokens (issue 12): everyone makes their own. The walked :tokenId is the administrator's own token,
  // so on the owner's pages everyone else is refused (403) as not its owner.
  'GET /account/api-tokens': { allow: EVERYONE, audited: true },
  'GET /account/api-tokens/new': { allow: EVERYONE },
  'POST /account/api-tokens': { allow: EVERYONE, audited: true, body: async () => ({ name: 'walk token', scope: 'read', expiresInDays: '7' }) },
  'GET /account/api-tokens/:tokenId/revoke': { allow: ADMIN, audited: true },
  'POST /account/api-tokens/:tokenId/revoke': { allow: ADMIN, audited: true },
  'GET /admin/api-tokens': { allow: ADMIN, audited: true },
  'GET /admin/api-tokens/:tokenId/revoke': { allow: ADMIN, audited: true },
  'POST /admin/api-tokens/:tokenId/revoke': { allow: ADMIN, audited: true },
  'GET /api/v1/users': { allow: ADMIN, audited: true },
  'POST /api/v1/users': { allow: ADMIN },
  'GET /api/v1/users/:userId': { allow: ADMIN, audited: true },
  'PATCH /api/v1/users/:userId': { allow: ADMIN, audited: true, body: async () => ({ displayName: 'Walk Target', version: await targetVersion() }) },
  'PUT /api/v1/users/:userId/password': { allow: ADMIN, audited: true, body: async () => ({ password: 'a stroll along the canal' }) },
  'DELETE /api/v1/users/:userId/sessions': { allow: ADMIN, audited: true },
  'GET /admin/reference': { allow: STAFF },
  ...referenceRules('prisons'),
  ...referenceRules('areas'),
  ...referenceRules('local-authorities'),
  ...referenceRules('teams'),
  'GET /people': { allow: CASEWORK, audited: true, sample: '/people?q=First' },
  ...downloadRules('/people', { allow: CASEWORK, query: 'q=First' }),
  'GET /people/new': { allow: CREATORS },
  'POST /people': { allow: CREATORS },
  'GET /people/:personId': { allow: CASEWORK, audited: true },
  'GET /people/:personId/edit': { allow: CASEWORK, audited: true },
  'POST /people/:personId': { allow: CASEWORK, audited: true },
  'POST /people/:personId/aliases': { allow: CASEWORK, audited: true },
  'GET /people/:personId/sign-ups/new': { allow: CASEWORK, audited: true },
  'GET /people/:personId/merge': { allow: LEADER, audited: true },
  'GET /people/:personId/merge/:otherId': { allow: LEADER, audited: true },
  'POST /people/:personId/merge/:otherId': { allow: LEADER, audited: true },
  'POST /people/:personId/merges/:mergeId/undo': { allow: LEADER, audited: true },
  'POST /people/:personId/sign-ups': { allow: CASEWORK, audited: true },
  ...signUpRules('', ['GET']),
  // The sign-up page's sub-pages (client-record/sign-up-routes.ts): each a read of the person.
  ...signUpRules('/contacts-and-visits', ['GET']),
  ...signUpRules('/needs-and-plan', ['GET']),
  ...signUpRules('/outcomes-and-employment', ['GET']),
  ...signUpRules('/returns-to-custody', ['GET']),
  ...signUpRules('/history', ['GET']),
  ...signUpRules('/details', ['GET', 'POST']),
  ...signUpRules('/visits', ['GET', 'POST']),
  ...signUpRules('/liberation', ['GET', 'POST']),
  ...signUpRules('/appointments', ['GET', 'POST']),
  ...signUpRules('/allocation', ['GET', 'POST'], LEADER),
  ...signUpRules('/close', ['GET', 'POST']),
  ...signUpRules('/contacts', ['GET', 'POST']),
  ...signUpRules('/non-engagement', ['GET', 'POST']),
  ...signUpRules('/needs', ['GET', 'POST']),
  ...signUpRules('/actions', ['GET', 'POST']),
  'POST /people/:personId/sign-ups/:episodeId/actions/:recordId/status': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ status: 'open', version: await versionOf('plan_action', ids.actionId) }),
  },
  // Correcting a record, or marking it entered in error: its recorder or a team leader. The records
  // walked here were recorded by nobody, so only the team leader may; casework-core tests the recorder.
  ...correctionRules('contacts'),
  ...correctionRules('visits'),
  ...correctionRules('appointments'),
  ...correctionRules('actions'),
  // Outcomes: recorded by any caseworker of the client, corrected like contacts, verified by a team
  // leader or an employment consultant (never the recorder: these were recorded by nobody), and the
  // outcome framework kept by administrators.
  ...signUpRules('/outcomes', ['GET', 'POST']),
  ...correctionRules('outcomes'),
  ...signUpRules('/outcomes/:recordId/evidence', ['GET', 'POST']),
  ...signUpRules('/outcomes/:recordId/verification', ['GET'], VERIFIERS),
  'POST /people/:personId/sign-ups/:episodeId/outcomes/:recordId/verification': {
    allow: VERIFIERS,
    audited: true,
    body: async () => ({ decision: 'verified', version: await versionOf('outcome', ids.outcomes) }),
  },
  'GET /people/:personId/sign-ups/:episodeId/outcomes/:recordId/evidence/:fileId': { allow: CASEWORK, audited: true },
  'GET /api/v1/people/:personId/sign-ups/:episodeId/outcomes': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/outcomes': { allow: CASEWORK, audited: true, body: async () => ({ outcomeType: 'training', achievedOn: '2026-10-02' }) },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/outcomes/:recordId/verification': {
    allow: VERIFIERS,
    audited: true,
    body: async () => ({ decision: 'verified', version: await versionOf('outcome', ids.outcomes) }),
  },
  'GET /admin/settings/outcome-types': { allow: ADMIN },
  'GET /admin/settings/outcome-types/new': { allow: ADMIN },
  'POST /admin/settings/outcome-types': { allow: ADMIN },
  'GET /admin/settings/outcome-types/:code': { allow: ADMIN, audited: true, sample: '/admin/settings/outcome-types/training' },
  'POST /admin/settings/outcome-types/:code': { allow: ADMIN, sample: '/admin/settings/outcome-types/training' },
  // Distance travelled: readings recorded by any caseworker of the client, corrected like contacts.
  ...signUpRules('/distance-readings', ['GET', 'POST']),
  ...correctionRules('distance-readings'),
  'GET /api/v1/people/:personId/sign-ups/:episodeId/distance-readings': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/distance-readings': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ readOn: '2026-10-02', reoffending: 'no', scores: DISTANCE_SCORES }),
  },
  // Employment: a client handed to a consultant by their life coaches or team leader; activities, job
  // starts, in-work checks and training places recorded by any caseworker of the client, corrected like contacts.
  ...signUpRules('/hand-over', ['GET', 'POST'], CREATORS),
  'POST /api/v1/people/:personId/sign-ups/:episodeId/hand-over': { allow: CREATORS, audited: true },
  ...signUpRules('/employability-activities', ['GET', 'POST']),
  ...correctionRules('employability-activities'),
  ...signUpRules('/training-places', ['GET', 'POST']),
  ...correctionRules('training-places'),
  ...signUpRules('/training-places/ending/:recordId', ['GET', 'POST'], LEADER),
  ...signUpRules('/job-starts', ['GET', 'POST']),
  ...correctionRules('job-starts'),
  ...signUpRules('/job-starts/:jobStartId/checks/:week', ['GET', 'POST']),
  ...correctionRules('in-work-checks'),
  'GET /api/v1/people/:personId/sign-ups/:episodeId/employment': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/employability-activities': { allow: CASEWORK, audited: true, body: async () => ({ kind: 'interview', startedOn: '2026-10-02' }) },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/job-starts': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ employer: 'Walk Ltd', jobTitle: 'Walker', hoursPerWeek: 16, contractType: 'temporary', startedOn: '2026-10-02' }),
  },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/job-starts/:jobStartId/checks/:week': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/training-places': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ kind: 'education', provider: 'College', course: 'Walking', startedOn: '2026-10-02' }),
  },
  // Lawful basis and privacy (lawful-basis/routes.ts): recorded or corrected on a sign-up, and changes to consent to share.
  ...signUpRules('/privacy', ['GET', 'POST']),
  ...signUpRules('/sharing-consent', ['GET', 'POST']),
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/lawful-basis': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ privacyNoticeOn: '2026-10-01', lawfulBasis: 'public_task', offenceDataCondition: 'statutory_purposes', healthDataCondition: 'health_social_care', version: await versionOf('episode', ids.episodeId) }),
  },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/sharing-consent': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ change: 'refused', changedOn: '2026-10-01', version: await versionOf('episode', ids.episodeId) }),
  },
  'POST /people/:personId/sign-ups/:episodeId/reopen': { allow: LEADER, audited: true },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/reopening': { allow: LEADER, audited: true },
  'GET /api/v1/people': { allow: CASEWORK, audited: true, sample: '/api/v1/people?q=First' },
  'POST /api/v1/people': { allow: CREATORS },
  'GET /api/v1/people/:personId': { allow: CASEWORK, audited: true },
  'PATCH /api/v1/people/:personId': { allow: CASEWORK, audited: true, body: async () => ({ phone: '0141 496 0000', version: await versionOf('person', ids.personId) }) },
  'GET /api/v1/people/:personId/sign-ups': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups': { allow: CASEWORK, audited: true },
  'GET /api/v1/people/:personId/sign-ups/:episodeId': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/visits': { allow: CASEWORK, audited: true, body: async () => ({ visitedOn: '2026-10-02' }) },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/liberation': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ liberatedOn: null, gateStatus: 'planned', version: await versionOf('episode', ids.episodeId) }),
  },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/closure': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/appointments': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ appointmentOn: '2026-10-05', agency: 'Council homelessness team' }),
  },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/allocation': { allow: LEADER, audited: true },
  'PUT /api/v1/people/:personId/sign-ups/:episodeId/non-engagement': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ reason: 'declined', version: await versionOf('episode', ids.episodeId) }),
  },
  'POST /api/v1/people/:personId/aliases': { allow: CASEWORK, audited: true, body: async () => ({ firstName: 'Also', lastName: 'Known' }) },
  'POST /api/v1/people/:personId/merges': { allow: LEADER, audited: true },
  'POST /api/v1/merges/:mergeId/undo': { allow: LEADER, audited: true },
  'GET /api/v1/people/:personId/sign-ups/:episodeId/contacts': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/contacts': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ contactOn: '2026-10-03', contactType: 'phone', outcome: 'no_answer' }),
  },
  'GET /api/v1/people/:personId/sign-ups/:episodeId/plan': { allow: CASEWORK, audited: true },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/assessments': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ assessedOn: '2026-10-02', needs: [{ domain: 'accommodation', status: 'in_progress' }] }),
  },
  'POST /api/v1/people/:personId/sign-ups/:episodeId/actions': {
    allow: CASEWORK,
    audited: true,
    body: async () => ({ domain: 'accommodation', goal: 'A home', action: 'See the council' }),
  },
  'GET /admin/settings': { allow: ADMIN },
  'POST /admin/settings': { allow: ADMIN },
  'GET /admin/settings/lists/:list': { allow: ADMIN, sample: '/admin/settings/lists/contact_type' },
  'POST /admin/settings/lists/:list': { allow: ADMIN, sample: '/admin/settings/lists/contact_type' },
  'GET /admin/settings/lists/:list/:id': { allow: ADMIN, audited: true },
  'POST /admin/settings/lists/:list/:id': { allow: ADMIN },
  'GET /admin/audit': { allow: ADMIN },
  ...downloadRules('/admin/audit', { allow: ADMIN }),
  'GET /api/v1/audit-events': { allow: ADMIN },
  'GET /reports/engagement': { allow: REPORTS },
  ...downloadRules('/reports/engagement', { allow: REPORTS, query: 'table=gender' }),
  'GET /api/v1/reports/engagement': { allow: REPORTS },
  'GET /reports/outcomes': { allow: REPORTS },
  ...downloadRules('/reports/outcomes', { allow: REPORTS, query: 'table=employment' }),
  'GET /api/v1/reports/outcomes': { allow: REPORTS },
  'GET /reports/return-to-custody': { allow: ['manager', 'analyst'] },
  ...downloadRules('/reports/return-to-custody', { allow: ['manager', 'analyst'], query: 'table=rates' }),
  'GET /api/v1/reports/return-to-custody': { allow: ['manager', 'analyst'] },
  'GET /reports/funnel': { allow: REPORTS },
  ...downloadRules('/reports/funnel', { allow: REPORTS, query: 'table=funnel' }),
  'GET /api/v1/reports/funnel': { allow: REPORTS },
  // Referral reports (referral-reports/): report readers. An agency's feedback report is also for that agency's own
  // users, so the walk's partner user (of another organisation, or none) is refused the sample agency's (agencyIds).
  ...(() => {
    const feedback = '/reports/referrals/agency/:organisationId';
    const sampled = (path: string, suffix: string): Rule =>
      Object.defineProperty({ allow: REPORTS, audited: true }, 'sample', { enumerable: true, get: () => `${path.replace(':organisationId', agencyIds.organisation ?? '')}${suffix}` });
    return {
      'GET /reports/referrals': { allow: REPORTS },
      ...downloadRules('/reports/referrals', { allow: REPORTS, query: 'table=by-agency' }),
      'GET /api/v1/reports/referrals': { allow: REPORTS },
      [`GET ${feedback}`]: sampled(feedback, ''),
      [`GET ${feedback}.csv`]: sampled(feedback, '.csv?table=by-month'),
      [`GET ${feedback}.xlsx`]: sampled(feedback, '.xlsx'),
      'GET /api/v1/reports/referrals/agency/:organisationId': sampled('/api/v1/reports/referrals/agency/:organisationId', ''),
    };
  })(),
  // Family support (families/): a family's pages for the co-ordinators and leader of its team (canSeeFamily);
  // referring a client's family from their record for those who may write the client. Samples: familyIds. POSTs
  // are sent empty (refused as invalid, changing nothing), so the walk never marks its sample family in error.
  ...(() => {
    const FAMILY: Role[] = ['family_support_coordinator', 'team_leader'];
    const sampled = (path: string, allow: Role[] = FAMILY): Rule =>
      Object.defineProperty({ allow, audited: true }, 'sample', {
        enumerable: true,
        get: () => path.replace(':personId', ids.personId ?? '').replace(':familyId', familyIds.familyId ?? '').replace(/\/(members|clients|referrals|support|outcomes)\/:recordId/, (_m, kind: string) => `/${kind}/${familyIds[kind] ?? ''}`),
      });
    const both = (path: string): Record<string, Rule> => ({ [`GET ${path}`]: sampled(path), [`POST ${path}`]: sampled(path) });
    return {
      'GET /families': sampled('/families'),
      // The empty form names no family; adding one is audited as it is written.
      'GET /families/new': { allow: FAMILY },
      'POST /families/new': { allow: FAMILY },
      'GET /families/:familyId': sampled('/families/:familyId'),
      ...both('/families/:familyId/edit'),
      ...both('/families/:familyId/entered-in-error'),
      ...both('/families/:familyId/members/new'),
      ...both('/families/:familyId/members/:recordId'),
      ...both('/families/:familyId/clients/new'),
      ...both('/families/:familyId/referrals/new'),
      ...both('/families/:familyId/referrals/:recordId/accepted'),
      ...both('/families/:familyId/referrals/:recordId/engaged'),
      ...both('/families/:familyId/referrals/:recordId/closed'),
      ...both('/families/:familyId/support/new'),
      ...both('/families/:familyId/support/:recordId'),
      ...both('/families/:familyId/outcomes/new'),
      ...Object.assign({}, ...['members', 'clients', 'referrals', 'support', 'outcomes'].map((kind) => both(`/families/:familyId/${kind}/:recordId/entered-in-error`))),
      'GET /people/:personId/refer-family': sampled('/people/:personId/refer-family', ['prison_life_coach', 'community_life_coach', 'family_support_coordinator', 'team_leader']),
      'POST /people/:personId/refer-family': sampled('/people/:personId/refer-family', ['prison_life_coach', 'community_life_coach', 'family_support_coordinator', 'team_leader']),
      'GET /api/v1/families': sampled('/api/v1/families'),
      'GET /api/v1/families/:familyId': sampled('/api/v1/families/:familyId'),
    };
  })(),
  // The family support report (family-support-report/): figures only, for report readers and family support co-ordinators.
  'GET /reports/family-support': { allow: [...REPORTS, 'family_support_coordinator'] },
  ...downloadRules('/reports/family-support', { allow: [...REPORTS, 'family_support_coordinator'], query: 'table=year-on-year' }),
  'GET /api/v1/reports/family-support': { allow: [...REPORTS, 'family_support_coordinator'] },
  'GET /imports': { allow: IMPORTERS },
  'GET /imports/new': { allow: IMPORTERS },
  'POST /imports': { allow: IMPORTERS },
  'GET /imports/:batchId': { allow: IMPORTERS },
  'GET /imports/:batchId/layout': { allow: IMPORTERS, audited: true },
  'POST /imports/:batchId/layout': { allow: IMPORTERS },
  'GET /imports/:batchId/columns': { allow: IMPORTERS },
  'POST /imports/:batchId/columns': { allow: IMPORTERS },
  'GET /imports/:batchId/check': { allow: IMPORTERS, audited: true },
  'POST /imports/:batchId/check': { allow: IMPORTERS },
  'GET /imports/:batchId/progress': { allow: IMPORTERS },
  'GET /imports/:batchId/problems.csv': { allow: IMPORTERS, audited: true },
  // The rows an import left out, as the file had them (people's details): audited as an export.
  'GET /imports/:batchId/left-out.csv': { allow: IMPORTERS, audited: true },
  'GET /admin/subject-access': { allow: ADMIN, audited: true, sample: '/admin/subject-access?q=Smith' },
  // Retention: the rules and what falls due (names the people due, so audited as a list of them).
  'GET /admin/retention': { allow: ADMIN, audited: true },
  'POST /admin/retention': { allow: ADMIN, body: async () => ({ personYears: '6', evidenceMonths: '12', statistics: 'engaged', version: '0' }) },
  'POST /imports/:batchId/import': { allow: IMPORTERS },
  'POST /imports/:batchId/undo': { allow: LEADER },
  'GET /admin/export': { allow: ADMIN },
  'GET /admin/export.zip': { allow: ADMIN, audited: true },
  'GET /admin/export.xlsx': { allow: ADMIN, audited: true },
  'GET /people/:personId/subject-access': { allow: ADMIN, audited: true },
  'GET /people/:personId/subject-access.json': { allow: ADMIN, audited: true },
  'GET /reports/research-extract': { allow: RESEARCH },
  // The agency directory (agencies/): no one's case data, so reads are not audited; caseworkers, managers
  // and administrators search it; team leaders and administrators keep it (every write audited) and
  // exchange it as HSDS (an export audited). The sample records are made in beforeAll (agencyIds).
  ...(() => {
    const KEEPERS: Role[] = ['team_leader', 'administrator'];
    const READERS: Role[] = [...CASEWORK, 'manager', 'administrator'];
    const org = '/agencies/organisations/:organisationId';
    // The sample is worked out when the walk asks (the ids exist only after beforeAll).
    const at = (path: string, rule: Rule): Rule =>
      Object.defineProperty(rule, 'sample', {
        enumerable: true,
        get: () =>
          path
            .replace(':organisationId', agencyIds.organisation ?? '')
            .replace(':serviceId', agencyIds.service ?? '')
            .replace(':locationId', agencyIds.location ?? '')
            .replace(':agreementId', agencyIds.agreement ?? ''),
      });
    const checked = { 'lastCheckedOn-day': '1', 'lastCheckedOn-month': '10', 'lastCheckedOn-year': '2026' };
    const service = { name: 'Walked service', status: 'active', needDomains: 'accommodation', ...checked };
    const location = { name: 'Walked office', address1: '2 Walk Street', city: 'Glasgow', postcode: 'G1 1AB' };
    const agreement = { kind: 'protocol', 'startsOn-day': '1', 'startsOn-month': '1', 'startsOn-year': '2026' };
    const rules: Record<string, Rule> = {
      'GET /agencies': { allow: READERS },
      [`GET ${org}`]: at(org, { allow: READERS }),
      'GET /agencies/organisations/new': { allow: KEEPERS },
      'POST /agencies/organisations/new': { allow: KEEPERS, audited: true, body: async () => ({ name: 'Walked agency', active: 'yes' }) },
      [`GET ${org}/change`]: at(`${org}/change`, { allow: KEEPERS }),
      [`POST ${org}/change`]: at(`${org}/change`, {
        allow: KEEPERS,
        audited: true,
        body: async () => ({ name: 'Route walk agency', active: 'yes', version: await agencyVersion(test, 'agency_organisation', agencyIds.organisation ?? '') }),
      }),
      [`GET ${org}/services/new`]: at(`${org}/services/new`, { allow: KEEPERS }),
      [`POST ${org}/services/new`]: at(`${org}/services/new`, { allow: KEEPERS, audited: true, body: async () => service }),
      [`GET ${org}/services/:serviceId`]: at(`${org}/services/:serviceId`, { allow: KEEPERS }),
      [`POST ${org}/services/:serviceId`]: at(`${org}/services/:serviceId`, {
        allow: KEEPERS,
        audited: true,
        body: async () => ({ ...service, version: await agencyVersion(test, 'agency_service', agencyIds.service ?? '') }),
      }),
      [`GET ${org}/locations/new`]: at(`${org}/locations/new`, { allow: KEEPERS }),
      [`POST ${org}/locations/new`]: at(`${org}/locations/new`, { allow: KEEPERS, audited: true, body: async () => location }),
      [`GET ${org}/locations/:locationId`]: at(`${org}/locations/:locationId`, { allow: KEEPERS }),
      [`POST ${org}/locations/:locationId`]: at(`${org}/locations/:locationId`, {
        allow: KEEPERS,
        audited: true,
        body: async () => ({ ...location, version: await agencyVersion(test, 'agency_location', agencyIds.location ?? '') }),
      }),
      [`GET ${org}/agreements/new`]: at(`${org}/agreements/new`, { allow: KEEPERS }),
      [`POST ${org}/agreements/new`]: at(`${org}/agreements/new`, { allow: KEEPERS, audited: true, body: async () => agreement }),
      [`GET ${org}/agreements/:agreementId`]: at(`${org}/agreements/:agreementId`, { allow: KEEPERS }),
      [`POST ${org}/agreements/:agreementId`]: at(`${org}/agreements/:agreementId`, {
        allow: KEEPERS,
        audited: true,
        body: async () => ({ ...agreement, version: await agencyVersion(test, 'agency_agreement', agencyIds.agreement ?? '') }),
      }),
      [`GET ${org}/agreements/:agreementId/entered-in-error`]: at(`${org}/agreements/:agreementId/entered-in-error`, { allow: KEEPERS }),
      // Refused as a change from an old version after the first keeper's walk marks it (409): the walk needs the route allowed, not a write.
      [`POST ${org}/agreements/:agreementId/entered-in-error`]: at(`${org}/agreements/:agreementId/entered-in-error`, {
        allow: KEEPERS,
        body: async () => ({ reason: 'Walked by the route test', version: await agencyVersion(test, 'agency_agreement', agencyIds.agreement ?? '') }),
      }),
      'GET /agencies/export.json': { allow: KEEPERS, audited: true },
      'GET /agencies/export.zip': { allow: KEEPERS, audited: true },
      'GET /agencies/import': { allow: KEEPERS },
      // The walk sends a form, not a file: refused as "choose a file" (an import is audited: hsds.test.ts).
      'POST /agencies/import': { allow: KEEPERS },
      'GET /api/v1/agencies/services': { allow: READERS },
      [`GET /api/v1${org}`]: at(`/api/v1${org}`, { allow: READERS }),
      'GET /api/v1/agencies/hsds': { allow: KEEPERS, audited: true },
      // The walk's body is not a directory: refused with its problems (an import through the API: agency-api.test.ts).
      'POST /api/v1/agencies/hsds': { allow: KEEPERS },
    };
    return rules;
  })(),
  // A return to custody marked entered in error (a wrong match): team leaders who can see the client. On its own liberated sign-up (ids set in beforeAll).
  ...Object.fromEntries(
    ['GET /', 'POST /', 'POST /api/v1/'].map((prefix) => [
      `${prefix}people/:personId/sign-ups/:episodeId/returns-to-custody/:returnId/entered-in-error`,
      {
        allow: LEADER,
        audited: true,
        get sample() {
          return `${prefix.split(' ')[1]}people/${ids.returnPersonId}/sign-ups/${ids.returnEpisodeId}/returns-to-custody/${ids.custodyReturn}/entered-in-error`;
        },
        body: async () => ({ reason: 'Walked by the route test' }),
      } satisfies Rule,
    ]),
  ),
  // Planned work (appointments/): planned, and recorded as cancelled or missed, by the client's caseworkers
  // (like contacts); corrected or entered in error by its planner or a team leader (these were planned by
  // nobody); the diary for caseworkers. Two appointments (ids set in beforeAll): one to cancel, one to correct.
  ...Object.fromEntries(
    (
      [
        ['GET', '', '/new', CASEWORK],
        ['POST', '', '/new', CASEWORK],
        ['GET', '', '/:recordId/status', CASEWORK],
        ['POST', '', '/:recordId/status', CASEWORK, async () => ({ status: 'cancelled', version: await appointmentVersion('toCancel') })],
        ['GET', '', '/:recordId', LEADER],
        ['POST', '', '/:recordId', LEADER, async () => ({ 'plannedOn-day': '5', 'plannedOn-month': '10', 'plannedOn-year': '2026', place: 'phone', workerId: (await demoUser(test, 'team_leader')).id, version: await appointmentVersion('toCorrect') })],
        ['GET', '', '/:recordId/entered-in-error', LEADER],
        ['POST', '', '/:recordId/entered-in-error', LEADER, async () => ({ reason: 'Walked by the route test', version: await appointmentVersion('toCorrect') })],
        ['POST', '/api/v1', '/:recordId/entered-in-error', LEADER, async () => ({ reason: 'Walked by the route test', version: await appointmentVersion('toCorrect') })],
        ['GET', '/api/v1', '', CASEWORK],
        ['POST', '/api/v1', '', CASEWORK, async () => ({ plannedOn: '2030-01-07', place: 'office' })],
        ['PUT', '/api/v1', '/:recordId', LEADER, async () => ({ plannedOn: '2026-10-05', place: 'phone', version: await appointmentVersion('toCorrect') })],
        ['POST', '/api/v1', '/:recordId/status', CASEWORK, async () => ({ status: 'missed', version: await appointmentVersion('toCancel') })],
      ] as const
    ).map(([method, api, path, allow, body]: readonly [string, string, string, readonly Role[], (() => Promise<Record<string, unknown>>)?]) => [
      `${method} ${api}/people/:personId/sign-ups/:episodeId/planned-appointments${path}`,
      {
        allow,
        audited: true,
        get sample() {
          const which = path.includes('status') ? 'toCancel' : 'toCorrect';
          return `${api}/people/${ids.personId}/sign-ups/${ids.episodeId}/planned-appointments${path.replace(':recordId', ids[`appointment.${which}`] ?? '')}`;
        },
        ...(body ? { body } : {}),
      } satisfies Rule,
    ]),
  ),
  'GET /diary': { allow: CASEWORK, audited: true },
  // Referrals from a sign-up, the coach's side (referrals/routes.ts, api-routes.ts): made, looked at and stepped by
  // the client's caseworkers; marked entered in error by its recorder or a team leader (the walked one, ids.referral,
  // a referral made another way, was recorded by the team leader). Steps after it is in error are refused (409).
  ...Object.fromEntries(
    (
      [
        ['GET', '', '/new', CASEWORK],
        ['POST', '', '/new', CASEWORK, async () => ({ agencyName: 'Walk agency', how: 'log', needDomain: 'accommodation', reason: 'Walk', urgency: 'routine', consent: 'refused', 'consentOn-day': '2', 'consentOn-month': '10', 'consentOn-year': '2026', 'sentOn-day': '2', 'sentOn-month': '10', 'sentOn-year': '2026' })],
        ['GET', '', '/:referralId', CASEWORK],
        ['GET', '', '/:referralId/steps/:step', CASEWORK],
        ['POST', '', '/:referralId/steps/:step', CASEWORK, async () => ({ version: await referralVersion(), 'happenedOn-day': '3', 'happenedOn-month': '10', 'happenedOn-year': '2026', note: 'Walked' })],
        ['GET', '', '/:referralId/entered-in-error', LEADER],
        ['POST', '', '/:referralId/entered-in-error', LEADER, async () => ({ reason: 'Walked by the route test', version: await referralVersion() })],
        ['GET', '/api/v1', '', CASEWORK],
        ['POST', '/api/v1', '', CASEWORK, async () => ({ how: 'log', agencyName: 'Walk agency', needDomain: 'accommodation', reason: 'Walk', urgency: 'routine', consent: 'refused', consentOn: '2026-10-02', sentOn: '2026-10-02' })],
        ['GET', '/api/v1', '/:referralId', CASEWORK],
        ['POST', '/api/v1', '/:referralId/steps', CASEWORK, async () => ({ step: 'note', version: await referralVersion(), happenedOn: '2026-10-03', note: 'Walked' })],
        ['POST', '/api/v1', '/:referralId/entered-in-error', LEADER, async () => ({ reason: 'Walked by the route test', version: await referralVersion() })],
      ] as const
    ).map(([method, api, path, allow, body]: readonly [string, string, string, readonly Role[], (() => Promise<Record<string, unknown>>)?]) => [
      `${method} ${api}/people/:personId/sign-ups/:episodeId/referrals${path}`,
      {
        allow,
        audited: true,
        get sample() {
          return `${api}/people/${ids.personId}/sign-ups/${ids.episodeId}/referrals${path.replace(':referralId', ids.referral ?? '').replace(':step', 'note')}`;
        },
        ...(body ? { body } : {}),
      } satisfies Rule,
    ]),
  ),
  // Notifications (notifications/): each user's own. Following one that is not theirs (the walk's id is nobody's) goes back to their list;
  // the list names no client (the referral page it leads to is audited), and the e-mail choice is a change to their account.
  'GET /notifications': { allow: EVERYONE },
  'GET /notifications/:notificationId': { allow: EVERYONE, sample: '/notifications/00000000-0000-4000-8000-000000000000' },
  'POST /notifications/read': { allow: EVERYONE },
  'POST /account/notifications': { allow: EVERYONE, audited: true, body: async () => ({ emailNotifications: 'yes' }) },
  'GET /api/v1/notifications': { allow: EVERYONE },
  'POST /api/v1/notifications/read': { allow: EVERYONE },
  // The partner agency portal (referrals/portal/): the demo partner user's organisation's referrals only (the seed gives it
  // one; the sample is sent to it in beforeAll). Every list, page and step audited; the walk's step is a note, open at any time.
  ...(() => {
    const PARTNER: Role[] = ['partner_agency'];
    const at = (path: string, rule: Rule): Rule =>
      Object.defineProperty(rule, 'sample', { enumerable: true, get: () => path.replace(':referralId', ids.agencyReferral ?? '').replace(':step', 'note') });
    const referral = '/agency/referrals/:referralId';
    const note = async () => ({
      'happenedOn-day': '3',
      'happenedOn-month': '2',
      'happenedOn-year': '2026',
      note: 'Walked by the route test',
      version: (await test.database.db.selectFrom('referral').select('version').where('id', '=', ids.agencyReferral ?? '').executeTakeFirstOrThrow()).version,
    });
    return {
      'GET /agency/referrals': { allow: PARTNER, audited: true },
      ...downloadRules('/agency/referrals', { allow: PARTNER }),
      [`GET ${referral}`]: at(referral, { allow: PARTNER, audited: true }),
      [`GET ${referral}/steps/:step`]: at(`${referral}/steps/:step`, { allow: PARTNER, audited: true }),
      [`POST ${referral}/steps/:step`]: at(`${referral}/steps/:step`, { allow: PARTNER, audited: true, body: note }),
    } satisfies Record<string, Rule>;
  })(),
  ...downloadRules('/reports/research-extract', { allow: RESEARCH }),
  // Issue 16: supervision (supervision/).
  // A worker's supervision (the sample: the demo community life coach, supervised by the demo team leader; supervisionIds) is
  // read by them, whoever may supervise them and managers; a session is corrected or marked by its supervisor only. POSTs
  // are sent empty (refused as invalid, changing nothing). Whose supervision is due: team leaders and managers.
  ...(() => {
    const READERS: Role[] = ['community_life_coach', 'team_leader', 'manager'];
    const at = (path: string, allow: Role[]): Rule =>
      Object.defineProperty({ allow, audited: true }, 'sample', {
        enumerable: true,
        get: () => path.replace(':userId', supervisionIds.coach ?? '').replace(':sessionId', supervisionIds.session ?? ''),
      });
    const both = (path: string, allow: Role[]) => ({ [`GET ${path}`]: at(path, allow), [`POST ${path}`]: at(path, allow) });
    return {
      'GET /staff/:userId/supervision': at('/staff/:userId/supervision', READERS),
      ...both('/staff/:userId/supervision/new', ['team_leader', 'manager']),
      'GET /staff/:userId/supervision/:sessionId': at('/staff/:userId/supervision/:sessionId', READERS),
      ...both('/staff/:userId/supervision/:sessionId/edit', LEADER),
      ...both('/staff/:userId/supervision/:sessionId/entered-in-error', LEADER),
      'GET /supervision': { allow: ['team_leader', 'manager'], audited: true },
      ...downloadRules('/supervision', { allow: ['team_leader', 'manager'] }),
      'GET /api/v1/staff/:userId/supervision': at('/api/v1/staff/:userId/supervision', READERS),
      'GET /api/v1/supervision/due': { allow: ['team_leader', 'manager'], audited: true },
    } satisfies Record<string, Rule>;
  })(),
  // Issue 16: staff records (staff/).
  // The staff list for team leaders, managers and administrators; what expires soon for team leaders and administrators.
  // A worker's record (the walk's target: an analyst of no team) is read by managers and kept by administrators; its
  // samples are made in beforeAll (staffIds). Lived experience is each member of staff's own. POSTs are sent empty.
  ...(() => {
    const KEEP: Role[] = ['administrator'];
    const at = (path: string, rule: Rule): Rule =>
      Object.defineProperty(rule, 'sample', {
        enumerable: true,
        get: () => path.replace(':userId', ids.userId ?? '').replace(/\/(vetting|clearances|training)\/:recordId/, (_m, kind: string) => `/${kind}/${staffIds[kind] ?? ''}`),
      });
    const kinds = ['vetting', 'clearances', 'training'].flatMap((kind) =>
      [`/staff/:userId/${kind}/new`, `/staff/:userId/${kind}/:recordId`, `/staff/:userId/${kind}/:recordId/entered-in-error`].flatMap((path) => [
        [`GET ${path}`, at(path, { allow: KEEP, audited: true })],
        [`POST ${path}`, at(path, { allow: KEEP, audited: true })],
      ]),
    );
    return {
      'GET /staff': { allow: ['team_leader', 'manager', 'administrator'], audited: true },
      'GET /staff/expiring': { allow: ['team_leader', 'administrator'], audited: true },
      'GET /staff/:userId': { allow: ['manager', 'administrator'], audited: true },
      ...Object.fromEntries(kinds),
      'GET /account/lived-experience': { allow: STAFF, audited: true },
      'POST /account/lived-experience': { allow: STAFF },
      'POST /account/lived-experience/withdraw': { allow: STAFF },
      'GET /admin/staff/:userId/subject-access': { allow: ADMIN, audited: true },
      'GET /admin/staff/:userId/subject-access.json': { allow: ADMIN, audited: true },
      'GET /api/v1/staff': { allow: ['team_leader', 'manager', 'administrator'], audited: true },
      'GET /api/v1/staff/:userId': { allow: ['manager', 'administrator'], audited: true },
    } satisfies Record<string, Rule>;
  })(),
  // Issue 16: the team comparison (team-comparison/).
  'GET /reports/teams': { allow: ['team_leader', 'manager'] },
  ...downloadRules('/reports/teams', { allow: ['team_leader', 'manager'], query: 'table=teams' }),
  'GET /api/v1/reports/teams': { allow: ['team_leader', 'manager'] },
  // Issue 16: funder returns (funder-returns/).
  // Templates for administrators; producing for managers; returns, year on year and the API for both (figures only, no
  // one's record: downloads audited as exports, producing and template changes as writes). Samples: funderIds. POSTs are
  // sent empty (refused as invalid), so the walk changes no template and produces no return.
  ...(() => {
    const READ: Role[] = ['manager', 'administrator'];
    const at = (path: string, rule: Rule): Rule =>
      Object.defineProperty(rule, 'sample', { enumerable: true, get: () => path.replace(':templateId', funderIds.templateId ?? '').replace(':returnId', funderIds.returnId ?? '') });
    const template = '/funder-returns/templates/:templateId';
    const stored = '/funder-returns/:returnId';
    return {
      'GET /funder-returns': { allow: READ },
      'GET /funder-returns/templates/new': { allow: ADMIN },
      'POST /funder-returns/templates/new': { allow: ADMIN },
      [`GET ${template}`]: at(template, { allow: ADMIN }),
      [`POST ${template}`]: at(template, { allow: ADMIN }),
      [`GET ${template}/produce`]: at(`${template}/produce`, { allow: ['manager'] }),
      [`POST ${template}/produce`]: at(`${template}/produce`, { allow: ['manager'] }),
      [`GET ${template}/year-on-year`]: at(`${template}/year-on-year`, { allow: READ }),
      [`GET ${template}/year-on-year.csv`]: at(`${template}/year-on-year.csv`, { allow: READ, audited: true }),
      [`GET ${template}/year-on-year.xlsx`]: at(`${template}/year-on-year.xlsx`, { allow: READ, audited: true }),
      [`GET ${stored}`]: at(stored, { allow: READ }),
      [`GET ${stored}.csv`]: at(`${stored}.csv`, { allow: READ, audited: true }),
      [`GET ${stored}.xlsx`]: at(`${stored}.xlsx`, { allow: READ, audited: true }),
      'GET /api/v1/reports/funder-returns': { allow: READ },
      'GET /api/v1/reports/funder-returns/:returnId': at('/api/v1/reports/funder-returns/:returnId', { allow: READ }),
    } satisfies Record<string, Rule>;
  })(),
};

/** A route about one person, or a list of people: a page, or its download (the home page's lists download from /caseload). */
const touchesPerson = (method: string, url: string) =>
  /:userId|:personId/.test(url) || (method === 'GET' && /\/(users|people|caseload)(\.csv|\.xlsx)?$/.test(url));

let test: TestApp;
async function versionOf(table: 'person' | 'episode' | 'plan_action' | 'contact' | 'pre_release_visit' | 'day_one_appointment' | 'outcome' | 'distance_reading' | 'employability_activity' | 'job_start' | 'in_work_check' | 'training_place', id: string | undefined) {
  const row = await test.database.db.selectFrom(table).select('version').where('id', '=', id ?? '').executeTakeFirstOrThrow();
  return row.version;
}
/** The version of one of the appointments walked (planned-work rules). */
async function appointmentVersion(which: 'toCancel' | 'toCorrect') {
  return (await test.database.db.selectFrom('appointment').select('version').where('id', '=', ids[`appointment.${which}`] ?? '').executeTakeFirstOrThrow()).version;
}
/** The version of the referral walked (referrals' rules). */
async function referralVersion() {
  return (await test.database.db.selectFrom('referral').select('version').where('id', '=', ids.referral ?? '').executeTakeFirstOrThrow()).version;
}
async function targetVersion() {
  const row = await test.database.db.selectFrom('app_user').select('version').where('id', '=', ids.userId ?? '').executeTakeFirstOrThrow();
  return row.version;
}
const ids: Record<string, string> = {};
const familyIds: Record<string, string> = {};
const agencyIds: Partial<Awaited<ReturnType<typeof buildAgencySamples>>> = {};
const apiTokens = new Map<Role, string>();
let csrf: { cookie: Record<string, string>; token: string };

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  const admin = await demoUser(test, 'administrator');
  const target = await db
    .insertInto('app_user')
    .values({ programme_id: admin.programme_id, email: 'walk.target@roop.example', display_name: 'Walk Target', role: 'analyst', team_id: null, password_hash: 'x', locked_until: null, last_signed_in_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.userId = target.id;
  ids.tokenId = (
    await db
      .insertInto('api_token')
      .values({ programme_id: admin.programme_id, user_id: admin.id, name: 'walk', token_hash: hashSecret('tc_walk'), created_by: admin.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const table of ['prison', 'area', 'local_authority', 'team'] as const) {
    ids[table] = (await db.selectFrom(table).select('id').where('programme_id', '=', admin.programme_id).executeTakeFirstOrThrow()).id;
  }
  const glasgow = (await db.selectFrom('team').select('id').where('name', '=', 'Glasgow team').executeTakeFirstOrThrow()).id;
  const person = await buildPerson(test, { teamName: 'Glasgow team' });
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: '2026-10-01',
    team_id: glasgow,
    workers: {
      employment_consultant: (await demoUser(test, 'employment_consultant')).id,
      family_support_coordinator: (await demoUser(test, 'family_support_coordinator')).id,
    },
  });
  ids.personId = person.id;
  Object.assign(agencyIds, await buildAgencySamples(test));
  ids.agencyReferral = (await buildDemoAgencyReferral(test)).id;
  Object.assign(familyIds, await buildFamilySamples(test, person.id));
  ids.choiceId = (await db.selectFrom('choice').select('id').where('list', '=', 'contact_type').where('code', '=', 'phone').executeTakeFirstOrThrow()).id;
  ids.otherPersonId = (await buildPerson(test, { teamName: 'Glasgow team' })).id;
  const absorbed = await buildPerson(test, { teamName: 'Glasgow team' });
  const leader = await demoUser(test, 'team_leader');
  await db.updateTable('person').set({ merged_into: person.id }).where('id', '=', absorbed.id).execute();
  ids.mergeId = (
    await db
      .insertInto('person_merge')
      .values({ programme_id: admin.programme_id, kept_person_id: person.id, merged_person_id: absorbed.id, moved: { episodes: [], names: [], prisonNumbers: [], filled: [] }, merged_by: leader.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.episodeId = episode.id;
  const csv = Buffer.from('Prisoner Number,Date,Type of contact\r\nX1,01/01/2020,Phone\r\n');
  ids.batchId = (
    await db
      .insertInto('import_batch')
      .values({
        programme_id: admin.programme_id,
        file_name: 'walk.csv',
        file_sha256: 'not-checked',
        file_bytes: csv.length,
        content: csv,
        header_row: 1,
        headers: JSON.stringify(['Prisoner Number', 'Date', 'Type of contact']) as never,
        row_kind: 'contacts',
        columns: JSON.stringify({ prisonNumber: 1, contactOn: 2, contactType: 3 }) as never,
        uploaded_by: leader.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.actionId = (
    await db
      .insertInto('plan_action')
      .values({ programme_id: admin.programme_id, episode_id: episode.id, domain: 'accommodation', goal: 'A home', action: 'Call the council', owner_text: null, due_on: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.actions = ids.actionId;
  ids.contacts = (await buildContact(test, { episodeId: episode.id, contactOn: '2026-10-02' })).id;
  ids.visits = (await buildVisit(test, { episodeId: episode.id, visitedOn: '2026-10-02' })).id;
  ids.appointments = (
    await db
      .insertInto('day_one_appointment')
      .values({ programme_id: admin.programme_id, episode_id: episode.id, appointment_on: '2026-10-05', appointment_time: null, agency: 'Jobcentre', purpose: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.outcomes = (await buildOutcome(test, { episodeId: episode.id, achievedOn: '2026-10-02', outcome_type: 'training' })).id;
  const pdf = smallPdf();
  ids.fileId = (
    await db
      .insertInto('evidence_file')
      .values({ programme_id: admin.programme_id, outcome_id: ids.outcomes, file_name: 'walk.pdf', media_type: 'application/pdf', byte_size: pdf.length, sha256: 'walk', content: pdf, uploaded_by: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids['distance-readings'] = (
    await buildReading(test, { episodeId: episode.id, readOn: '2026-10-02', workerId: leader.id, createdBy: null, scores: Object.fromEntries(DISTANCE_SCORES.map((s) => [s.area, 5])) })
  ).id;
  ids['employability-activities'] = (await buildActivity(test, { episodeId: episode.id, startedOn: '2026-10-02' })).id;
  ids['job-starts'] = (await buildJobStart(test, { episodeId: episode.id, startedOn: '2026-10-02' })).id;
  ids.checkJobStartId = (await buildJobStart(test, { episodeId: episode.id, startedOn: '2026-10-01' })).id;
  ids['in-work-checks'] = (await buildCheck(test, { jobStartId: ids.checkJobStartId, episodeId: episode.id, week: 26, checkedOn: '2026-10-03' })).id;
  ids['training-places'] = (await buildTrainingPlace(test, { episodeId: episode.id, startedOn: '2026-10-02' })).id;
  ids['training-places/ending'] = ids['training-places'];
  const returned = await buildPerson(test, { teamName: 'Glasgow team' });
  ids.returnPersonId = returned.id;
  for (const which of ['toCancel', 'toCorrect']) {
    ids[`appointment.${which}`] = (await buildAppointment(test, { episodeId: episode.id, plannedOn: '2026-10-05', workerId: leader.id })).id;
  }
  ids.returnEpisodeId = (await buildEpisode(test, { personId: returned.id, signed_up_on: '2026-01-05', liberated_on: '2026-03-01', team_id: glasgow })).id;
  ids.referral = (
    await db
      .insertInto('referral')
      .values({ programme_id: admin.programme_id, episode_id: episode.id, agency_name: 'Walk agency', mode: 'logged', need_domain: 'accommodation', reason: 'Walk', urgency: 'routine', consent: 'refused', consent_on: '2026-10-02', consent_recorded_by: leader.id, sent_on: '2026-10-02', answer_due_on: '2026-10-09', created_by: leader.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.custodyReturn = (
    await db.insertInto('custody_return').values({ programme_id: admin.programme_id, person_id: returned.id, admitted_on: '2026-06-01', checked_on: '2026-09-30' }).returning('id').executeTakeFirstOrThrow()
  ).id;
  for (const role of ROLES) {
    const user = await demoUser(test, role);
    const token = `tc_role_${role}`;
    await db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 'route walk', token_hash: hashSecret(token), created_by: user.id }).execute();
    apiTokens.set(role, token);
  }
  const visitor = anonymous(test);
  csrf = { token: await visitor.csrfToken('/sign-in'), cookie: visitor.cookies };
});
// Issue 16: staff records' samples (one of each kind, on the walk's target), after the walk's own set-up.
const staffIds: Record<string, string> = {};
beforeAll(async () => {
  Object.assign(staffIds, await buildStaffSamples(test, ids.userId ?? ''));
});
// Issue 16: supervision's sample, after the walk's own set-up: a session the demo team leader held with the demo community life coach.
const supervisionIds: Record<string, string> = {};
beforeAll(async () => {
  const [coach, leader] = [await demoUser(test, 'community_life_coach'), await demoUser(test, 'team_leader')];
  supervisionIds.coach = coach.id;
  supervisionIds.session = (
    await test.database.db
      .insertInto('supervision')
      .values({ programme_id: coach.programme_id, supervisee_id: coach.id, supervisor_id: leader.id, held_on: '2026-10-01', wellbeing: 'well', caseload_discussed: true })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => test.close());

// Issue 16: funder returns' samples (after the beforeAll above, which builds the app): a template and a return produced from it.
const funderIds: Partial<Record<'templateId' | 'returnId', string>> = {};
beforeAll(async () => {
  Object.assign(funderIds, await buildFunderSamples(test));
});

const KIND_TABLE: Record<string, string> = { prisons: 'prison', areas: 'area', 'local-authorities': 'local_authority', teams: 'team' };

function concreteUrl(url: string, rule: Rule): string {
  if (rule.sample) return rule.sample;
  if (url.startsWith('/admin/settings/lists/:list/:id')) return url.replace(':list', 'contact_type').replace(':id', ids.choiceId ?? '');
  const kind = url.match(/\/(prisons|areas|local-authorities|teams)\/:id/)?.[1];
  return url
    .replace(':userId', ids.userId ?? '')
    .replace(':personId', ids.personId ?? '')
    .replace(':episodeId', ids.episodeId ?? '')
    .replace(/\/(contacts|visits|appointments|actions|outcomes|distance-readings|employability-activities|job-starts|in-work-checks|training-places\/ending|training-places)\/:recordId/, (_match, kind: string) => `/${kind}/${ids[kind] ?? ''}`)
    .replace(':jobStartId', ids.checkJobStartId ?? '')
    .replace(':week', '13')
    .replace(':fileId', ids.fileId ?? '')
    .replace(':otherId', ids.otherPersonId ?? '')
    .replace(':mergeId', ids.mergeId ?? '')
    .replace(':tokenId', ids.tokenId ?? '')
    .replace(':batchId', ids.batchId ?? '')
    .replace(':id', kind ? (ids[KIND_TABLE[kind] ?? ''] ?? '') : '');
}

async function call(method: string, url: string, role: Role | null, rule?: Rule) {
  const body = (await rule?.body?.()) ?? {};
  const isApi = url.startsWith('/api/v1');
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = { ...csrf.cookie };
  if (role && isApi) headers.authorization = `Bearer ${apiTokens.get(role)}`;
  const session = role && !isApi ? await openSession(role) : null;
  if (session) cookies['__Host-throughcare-session'] = session.token;
  try {
    if (method === 'GET' || method === 'DELETE') return await test.app.inject({ method: method as 'GET', url, headers, cookies });
    if (isApi) return await test.app.inject({ method: method as 'POST', url, headers, cookies, payload: body });
    return await test.app.inject({
      method: method as 'POST',
      url,
      cookies,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])), _csrf: session ? await session.csrf() : csrf.token }).toString(),
    });
  } finally {
    if (role && session) await keepSessionIfUnchanged(role, session);
  }
}

/**
 * One session per role for the walk, and the CSRF token of a page of that session (tokens are bound
 * to their session), fetched once. A call that ends the session (or leaves it waiting for a second
 * factor) makes the next call start a fresh one, and a flash message a call leaves is cleared, so no
 * route is called on a session an earlier route changed.
 */
interface WalkSession {
  token: string;
  csrf(): Promise<string>;
}
const sessions = new Map<Role, WalkSession>();

async function openSession(role: Role): Promise<WalkSession> {
  const open = sessions.get(role);
  if (open) return open;
  const user = await demoUser(test, role);
  const token = await createSession({ db: test.database.db, userId: user.id, programmeId: user.programme_id, limits: test.config.session });
  let csrfToken: Promise<string> | undefined;
  const session: WalkSession = { token, csrf: () => (csrfToken ??= sessionCsrfToken(token)) };
  sessions.set(role, session);
  return session;
}

async function keepSessionIfUnchanged(role: Role, session: WalkSession) {
  const db = test.database.db;
  const tokenHash = hashSecret(session.token);
  const row = await db.selectFrom('user_session').select(['ended_at', 'flash', 'second_factor_pending']).where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row || row.ended_at !== null || row.second_factor_pending) sessions.delete(role);
  else if (row.flash !== null) await db.updateTable('user_session').set({ flash: null }).where('token_hash', '=', tokenHash).execute();
}

async function sessionCsrfToken(sessionToken: string): Promise<string> {
  const page = await test.app.inject({ method: 'GET', url: '/account', cookies: { ...csrf.cookie, '__Host-throughcare-session': sessionToken } });
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`No CSRF token on /account (status ${page.statusCode})`);
  return token;
}

describe('every route, as every role', () => {
  it('has a rule in this table for every registered route, and no rule for a route that is gone', () => {
    const registered = test.routes.map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((key) => !(key in TABLE)), 'routes without a rule in the table').toEqual([]);
    expect(Object.keys(TABLE).filter((key) => !registered.includes(key)), 'rules for routes that do not exist').toEqual([]);
  });

  it('marks every route that touches a person as audited', () => {
    const unaudited = Object.entries(TABLE)
      .filter(([key, rule]) => {
        const [method = '', url = ''] = key.split(' ');
        return touchesPerson(method, url) && rule.audited !== true && rule.allow !== 'public';
      })
      .map(([key]) => key);
    expect(unaudited).toEqual([]);
  });

  // One walk per role: every route, allowed or refused as the table says, audited where it must be. This
  // file walks as half the roles, route-access-more-roles.test.ts as the others, side by side.
  it.each(walkers(ROLES))('allows or refuses %s exactly as the table says, and audits where it must', async (who) => {
    const role = who === 'anonymous' ? null : who;
    const problems: string[] = [];
    for (const route of test.routes) {
      const rule = TABLE[`${route.method} ${route.url}`];
      if (!rule) continue;
      const url = concreteUrl(route.url, rule);
      const response = await call(route.method, url, role, rule);
      const allowed = rule.allow === 'public' || (role !== null && rule.allow.includes(role));
      const status = response.statusCode;
      if (allowed) {
        if ([401, 403, 404].includes(status) || status >= 500) problems.push(`${who} ${route.method} ${url}: expected to be allowed, got ${status}`);
        const succeeded = status < 400;
        if (rule.audited && role && succeeded && (await auditRows(test, response.headers['x-request-id'])).length === 0) {
          problems.push(`${who} ${route.method} ${url}: allowed but wrote no audit event`);
        }
      } else if (role === null) {
        const toSignIn = status === 302 && String(response.headers.location).startsWith('/sign-in');
        if (!(url.startsWith('/api/') ? status === 401 : toSignIn)) problems.push(`anonymous ${route.method} ${url}: expected sign-in required, got ${status}`);
      } else if (status !== 403) {
        problems.push(`${who} ${route.method} ${url}: expected 403, got ${status}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('audits every refusal', async () => {
    const response = await call('GET', '/admin/audit', 'partner_agency');
    expect(response.statusCode).toBe(403);
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([
      { action: 'access-denied', actor_label: 'Sam Wilson', detail: { need: 'audit.read', route: '/admin/audit' } },
    ]);
  });
});
