import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { buildOutcome, outcomeApiHeaders, postOutcomeForm, smallPdf, smallPng } from '../support/outcomes.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coach: Browser;
let leader: Browser;
let consultant: Browser;
let personId = '';
let episodeId = '';
let base = '';

const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const dateParts = (name: string, iso: string) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: String(Number(dayOfMonth)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};
const outcomeRows = () => test.database.db.selectFrom('outcome').selectAll().where('episode_id', '=', episodeId).orderBy('created_at').execute();
const fileCount = async () => Number((await test.database.db.selectFrom('evidence_file').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'community_life_coach');
  leader = await sessionAs(test, 'team_leader');
  consultant = await sessionAs(test, 'employment_consultant');
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: day(-200),
    liberated_on: day(-150),
    workers: { community_life_coach: (await demoUser(test, 'community_life_coach')).id, employment_consultant: (await demoUser(test, 'employment_consultant')).id },
  });
  personId = person.id;
  episodeId = episode.id;
  base = `/people/${personId}/sign-ups/${episodeId}`;
});
afterAll(() => test.close());

describe('the outcome framework', () => {
  it('lists the types with what each counts as, and says which employment records', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = text((await admin.get('/admin/settings/outcome-types')).body);
    expect(page).toContain('Accommodation accommodation Accommodation Hard Accommodation Tenancy agreement Yes In use');
    expect(page).toMatch(/Job start job_start Recorded by job starts and in-work checks Employment Hard/);
    expect(page).toContain('Volunteering volunteering Volunteering Soft');
    expect((await admin.get('/admin/settings')).body).toContain('href="/admin/settings/outcome-types">Outcome framework</a>');
  });

  it('adds a type with its rule in one go, and refuses a bad or taken code', async () => {
    const admin = await sessionAs(test, 'administrator');
    const bad = await admin.post('/admin/settings/outcome-types', { label: '', code: 'Peer Mentor!', category: 'nonsense', needDomain: 'made_up', evidenceKind: '', sortOrder: '', active: 'yes' });
    expect(errorSummary(bad.body)).toEqual([
      'Enter the name shown to users',
      'Code must only include lower-case letters, numbers and underscores, like peer_mentoring',
      'Select the category',
      'Select whether it is a hard or a soft outcome',
    ]);
    const unknownDomain = await admin.post('/admin/settings/outcome-types', { label: 'Peer mentor', code: 'peer_mentor', category: 'volunteering', hard: 'no', needDomain: 'made_up', evidenceKind: '' });
    expect(errorSummary(unknownDomain.body)).toEqual(['Select a need domain from the list']);
    const added = await admin.post('/admin/settings/outcome-types', {
      label: 'Peer mentor',
      code: 'peer_mentor',
      category: 'volunteering',
      hard: 'no',
      needDomain: 'employability',
      evidenceKind: 'agency_confirmation',
      mustVerify: 'yes',
      sortOrder: '20',
      active: 'yes',
    });
    expect(added.statusCode).toBe(302);
    const rule = await test.database.db.selectFrom('outcome_type_rule').selectAll().where('code', '=', 'peer_mentor').executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ category: 'volunteering', hard: false, need_domain: 'employability', evidence_kind: 'agency_confirmation', must_verify: true });
    const choice = await test.database.db.selectFrom('choice').selectAll().where('list', '=', 'outcome_type').where('code', '=', 'peer_mentor').executeTakeFirstOrThrow();
    expect(choice).toMatchObject({ label: 'Peer mentor', sort_order: 20, active: true });
    expect(await auditRows(test, added.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'outcome-type', record_id: choice.id }]);
    const taken = await admin.post('/admin/settings/outcome-types', { label: 'Again', code: 'peer_mentor', category: 'other', hard: 'yes' });
    expect(errorSummary(taken.body)).toEqual(['An outcome type already has this code']);
  });

  it('changes a type from the versions read, keeps its code, and refuses a stale save', async () => {
    const admin = await sessionAs(test, 'administrator');
    const form = (await admin.get('/admin/settings/outcome-types/debt')).body;
    expect(form).toContain('<code>debt</code> (it does not change)');
    const version = form.match(/name="version" value="(\d+)"/)?.[1] ?? '';
    const ruleVersion = form.match(/name="ruleVersion" value="(\d+)"/)?.[1] ?? '';
    const fields = { label: 'Debt advice taken up', category: 'debt', hard: 'yes', needDomain: 'finance', evidenceKind: 'agency_confirmation', mustVerify: 'yes', sortOrder: '9', active: 'yes' };
    expect((await admin.post('/admin/settings/outcome-types/debt', { ...fields, code: 'changed', version, ruleVersion })).statusCode).toBe(302);
    const rule = await test.database.db.selectFrom('outcome_type_rule').selectAll().where('code', '=', 'debt').executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ evidence_kind: 'agency_confirmation', must_verify: true, version: Number(ruleVersion) + 1 });
    expect(await test.database.db.selectFrom('choice').select('label').where('list', '=', 'outcome_type').where('code', '=', 'changed').executeTakeFirst()).toBeUndefined();
    const stale = await admin.post('/admin/settings/outcome-types/debt', { ...fields, label: 'Stale', version, ruleVersion });
    expect(stale.statusCode).toBe(409);
    expect(errorSummary(stale.body)[0]).toMatch(/^Someone else changed this outcome type/);
    expect((await test.database.db.selectFrom('choice').select('label').where('code', '=', 'debt').where('list', '=', 'outcome_type').executeTakeFirstOrThrow()).label).toBe('Debt advice taken up');
  });

  it('refuses to take the job outcome types out of use, and the generic list cannot make a type without a rule', async () => {
    const admin = await sessionAs(test, 'administrator');
    const form = (await admin.get('/admin/settings/outcome-types/job_start')).body;
    expect(form).toContain('Job starts and in-work checks record outcomes of this type');
    const version = form.match(/name="version" value="(\d+)"/)?.[1] ?? '';
    const ruleVersion = form.match(/name="ruleVersion" value="(\d+)"/)?.[1] ?? '';
    const refused = await admin.post('/admin/settings/outcome-types/job_start', { label: 'Job start', category: 'employment', hard: 'yes', needDomain: '', evidenceKind: '', version, ruleVersion });
    expect(errorSummary(refused.body)).toEqual(['Job starts and in-work checks record this outcome, so it must stay in use']);
    expect((await test.database.db.selectFrom('choice').select('active').where('code', '=', 'job_start').executeTakeFirstOrThrow()).active).toBe(true);
    const list = await admin.get('/admin/settings/lists/outcome_type');
    expect([list.statusCode, list.headers.location]).toEqual([302, '/admin/settings/outcome-types']);
    const backDoor = await admin.post('/admin/settings/lists/outcome_type', { label: 'Sneaky', code: 'sneaky', active: 'yes' });
    expect(backDoor.statusCode).toBe(302);
    expect(await test.database.db.selectFrom('choice').select('id').where('code', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
  });
});

describe('recording an outcome with evidence', () => {
  const fields = (overrides: Record<string, string> = {}) => ({ outcomeType: 'accommodation', ...dateParts('achievedOn', day(-10)), detail: 'Keys to a flat in Leith', evidenceKind: '', evidenceReference: 'Council ref 42', ...overrides });

  it('records an outcome with a PDF, judged by its content, kept with its SHA-256; the type’s evidence is the default', async () => {
    const form = (await coach.get(`${base}/outcomes`)).body;
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).not.toContain('value="job_start"');
    const pdf = smallPdf();
    const response = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(), { name: 'tenancy.pdf', bytes: pdf });
    expect(response.statusCode).toBe(302);
    const [outcome] = await outcomeRows();
    expect(outcome).toMatchObject({ outcome_type: 'accommodation', achieved_on: day(-10), evidence_kind: 'tenancy_agreement', evidence_reference: 'Council ref 42', verification: 'unverified', created_by: (await demoUser(test, 'community_life_coach')).id });
    const file = await test.database.db.selectFrom('evidence_file').selectAll().where('outcome_id', '=', outcome?.id ?? '').executeTakeFirstOrThrow();
    expect(file).toMatchObject({ file_name: 'tenancy.pdf', media_type: 'application/pdf', byte_size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(Buffer.compare(file.content, pdf)).toBe(0);
    const audits = await auditRows(test, response.headers['x-request-id']);
    expect(audits.map((a) => [a.action, a.record_type])).toEqual(expect.arrayContaining([['create', 'outcome'], ['create', 'evidence-file']]));
  });

  it('records one with a PNG and no evidence kind', async () => {
    const png = smallPng();
    const response = await postOutcomeForm(test, coach, `${base}/outcomes`, fields({ outcomeType: 'health_service', evidenceKind: 'none', detail: '' }), { name: 'letter.png', bytes: png });
    expect(response.statusCode).toBe(302);
    const outcome = (await outcomeRows()).at(-1);
    expect(outcome).toMatchObject({ outcome_type: 'health_service', evidence_kind: null, detail: null });
    const file = await test.database.db.selectFrom('evidence_file').select(['media_type', 'byte_size']).where('outcome_id', '=', outcome?.id ?? '').executeTakeFirstOrThrow();
    expect(file).toEqual({ media_type: 'image/png', byte_size: png.length });
  });

  it('refuses a file that is not what its name says, an empty one and one over 10 MB, and writes nothing', async () => {
    const before = [(await outcomeRows()).length, await fileCount()];
    const fake = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(), { name: 'payslip.pdf', bytes: Buffer.from('This is only text pretending to be a PDF'), type: 'application/pdf' });
    expect(fake.statusCode).toBe(400);
    expect(errorSummary(fake.body)).toEqual(['The file must be a PDF, an image or an office document']);
    expect(fake.body).toContain('Keys to a flat in Leith');
    const empty = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(), { name: 'empty.pdf', bytes: Buffer.alloc(0) });
    expect(errorSummary(empty.body)).toEqual(['The selected file is empty']);
    const huge = Buffer.concat([smallPdf(), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(), { name: 'huge.pdf', bytes: huge });
    expect(tooBig.statusCode).toBe(400);
    expect(errorSummary(tooBig.body)).toEqual(['The file must be smaller than 10 MB']);
    const withOthers = await postOutcomeForm(test, coach, `${base}/outcomes`, fields({ outcomeType: '', ...dateParts('achievedOn', day(-300)) }), { name: 'x.pdf', bytes: Buffer.from('text') });
    expect(errorSummary(withOthers.body)).toEqual(['Select the type of outcome', 'The date achieved must be on or after the sign-up date', 'The file must be a PDF, an image or an office document']);
    expect([(await outcomeRows()).length, await fileCount()]).toEqual(before);
  });

  it('adds another file to an outcome later, judged the same way', async () => {
    const [outcome] = await outcomeRows();
    const url = `${base}/outcomes/${outcome?.id}/evidence`;
    expect((await coach.get(`${base}/outcomes-and-employment`)).body).toContain(`href="${url}"`);
    const before = await fileCount();
    const none = await postOutcomeForm(test, coach, url, {});
    expect(errorSummary(none.body)).toEqual(['Select a file']);
    const fake = await postOutcomeForm(test, coach, url, {}, { name: 'scan.docx', bytes: Buffer.from('plain words') });
    expect(errorSummary(fake.body)).toEqual(['The file must be a PDF, an image or an office document']);
    expect(await fileCount()).toBe(before);
    const added = await postOutcomeForm(test, consultant, url, {}, { name: 'photo of the lease.png', bytes: smallPng(2) });
    expect(errorSummary(added.body)).toEqual([]);
    expect(added.statusCode).toBe(302);
    const files = await test.database.db.selectFrom('evidence_file').select(['file_name', 'uploaded_by']).where('outcome_id', '=', outcome?.id ?? '').orderBy('uploaded_at').execute();
    expect(files).toEqual([
      { file_name: 'tenancy.pdf', uploaded_by: (await demoUser(test, 'community_life_coach')).id },
      { file_name: 'photo of the lease.png', uploaded_by: (await demoUser(test, 'employment_consultant')).id },
    ]);
    const download = await leader.get(`${base}/outcomes/${outcome?.id}/evidence/${(await test.database.db.selectFrom('evidence_file').select('id').where('file_name', '=', 'photo of the lease.png').executeTakeFirstOrThrow()).id}`);
    expect(download.headers['content-disposition']).toBe('attachment; filename="photo-of-the-lease.png"');
  });

  it('checks the date against the sign-up and today, and refuses the types employment records', async () => {
    const before = (await outcomeRows()).length;
    const early = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(dateParts('achievedOn', day(-300))));
    expect(errorSummary(early.body)).toEqual(['The date achieved must be on or after the sign-up date']);
    const future = await postOutcomeForm(test, coach, `${base}/outcomes`, fields(dateParts('achievedOn', day(3))));
    expect(errorSummary(future.body)).toEqual(['Date achieved must be today or in the past']);
    const job = await postOutcomeForm(test, coach, `${base}/outcomes`, fields({ outcomeType: 'job_start' }));
    expect(errorSummary(job.body)).toEqual(['Job starts and in-work checks record this outcome: record the job start or the check instead']);
    expect((await outcomeRows()).length).toBe(before);
  });

  it('downloads the file as it was given, as an attachment, audited as an export', async () => {
    const [outcome] = await outcomeRows();
    const file = await test.database.db.selectFrom('evidence_file').select(['id', 'content']).where('outcome_id', '=', outcome?.id ?? '').executeTakeFirstOrThrow();
    const url = `${base}/outcomes/${outcome?.id}/evidence/${file.id}`;
    expect((await leader.get(`${base}/outcomes-and-employment`)).body).toContain(`href="${url}"`);
    const response = await leader.get(url);
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, file.content)).toBe(0);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="tenancy.pdf"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(await auditRows(test, response.headers['x-request-id'])).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'export', record_type: 'evidence-file', record_id: file.id, detail: expect.objectContaining({ personIds: [personId] }) })]),
    );
    const stranger = await sessionAs(test, 'family_support_coordinator');
    expect((await stranger.get(url)).statusCode).toBe(403);
    expect((await leader.get(`${base}/outcomes/${outcome?.id}/evidence/${episodeId}`)).statusCode).toBe(404);
  });
});

describe('verifying, correcting and entered in error', () => {
  it('is verified by a team leader, never by the recorder or a prison life coach', async () => {
    const [outcome] = await outcomeRows();
    const url = `${base}/outcomes/${outcome?.id}/verification`;
    expect((await coach.get(url)).statusCode).toBe(403);
    expect((await (await sessionAs(test, 'prison_life_coach')).get(url)).statusCode).toBe(403);
    const signUp = text((await leader.get(`${base}/outcomes-and-employment`)).body);
    expect(signUp).toContain('Accommodation Keys to a flat in Leith Recorded by Jamie Docherty');
    expect(signUp).toContain('Waiting to be verified');
    const form = await leader.get(url);
    expect(form.statusCode).toBe(200);
    const noDecision = await leader.post(url, { version: String(outcome?.version) });
    expect(errorSummary(noDecision.body)).toEqual(['Select whether the evidence verifies the outcome']);
    const verified = await leader.post(url, { decision: 'verified', version: String(outcome?.version) });
    expect(verified.statusCode).toBe(302);
    const row = (await outcomeRows())[0];
    expect(row).toMatchObject({ verification: 'verified', verified_by: (await demoUser(test, 'team_leader')).id, rejection_reason: null });
    expect(row?.verified_at).toBeInstanceOf(Date);
    expect(await auditRows(test, verified.headers['x-request-id'])).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'update', record_type: 'outcome', detail: expect.objectContaining({ verification: 'verified' }) })]));
    expect(text((await coach.get(`${base}/outcomes-and-employment`)).body)).toMatch(/Verified by Callum Reid/);
  });

  it('is rejected with a reason by the employment consultant, through the API too', async () => {
    const outcome = (await outcomeRows())[1];
    const url = `${base}/outcomes/${outcome?.id}/verification`;
    const noReason = await consultant.post(url, { decision: 'rejected', version: String(outcome?.version) });
    expect(errorSummary(noReason.body)).toEqual(['Enter why the outcome is rejected']);
    const api = await test.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: await outcomeApiHeaders(test, 'employment_consultant'),
      payload: { decision: 'rejected', rejectionReason: 'The letter is for someone else', version: outcome?.version },
    });
    expect(api.statusCode).toBe(204);
    expect((await outcomeRows())[1]).toMatchObject({ verification: 'rejected', rejection_reason: 'The letter is for someone else' });
    expect(text((await leader.get(`${base}/outcomes-and-employment`)).body)).toContain('Rejected Reason: The letter is for someone else');
    const byRecorder = await test.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: await outcomeApiHeaders(test, 'community_life_coach'), payload: { decision: 'verified', version: 1 } });
    expect(byRecorder.statusCode).toBe(403);
  });

  it('goes back to waiting to be verified when a correction changes its type or date, and says so', async () => {
    const outcome = (await outcomeRows())[0];
    const url = `${base}/outcomes/${outcome?.id}`;
    const form = (await coach.get(url)).body;
    expect(text(form)).toContain('This outcome has been verified. If you change its type or date it goes back to waiting to be verified.');
    const fields = { outcomeType: 'accommodation', ...dateParts('achievedOn', day(-10)), detail: 'Keys to a flat in Leith, top floor', evidenceKind: 'tenancy_agreement', evidenceReference: 'Council ref 42' };
    expect((await coach.post(url, { ...fields, version: String(outcome?.version) })).statusCode).toBe(302);
    expect((await outcomeRows())[0]).toMatchObject({ verification: 'verified', detail: 'Keys to a flat in Leith, top floor' });
    const version = String((await outcomeRows())[0]?.version);
    expect((await coach.post(url, { ...fields, ...dateParts('achievedOn', day(-12)), version })).statusCode).toBe(302);
    expect((await outcomeRows())[0]).toMatchObject({ achieved_on: day(-12), verification: 'unverified', verified_by: null, verified_at: null });
    const stale = await coach.post(url, { ...fields, version });
    expect(stale.statusCode).toBe(409);
  });

  it('is marked entered in error with a reason, shown struck through and no longer verifiable', async () => {
    const outcome = (await outcomeRows())[1];
    const marked = await coach.post(`${base}/outcomes/${outcome?.id}/entered-in-error`, { reason: 'Wrong client', version: String(outcome?.version) });
    expect(marked.statusCode).toBe(302);
    const page = (await leader.get(`${base}/outcomes-and-employment`)).body;
    expect(text(page)).toContain('Entered in error Wrong client');
    expect(page).not.toContain(`outcomes/${outcome?.id}/verification`);
    expect((await leader.get(`${base}/outcomes/${outcome?.id}/verification`)).statusCode).toBe(400);
  });

  it('sends an outcome a job start recorded to the job start for corrections', async () => {
    const outcome = await buildOutcome(test, { episodeId, achievedOn: day(-5), outcome_type: 'job_start' });
    await test.database.db
      .insertInto('job_start')
      .values({ programme_id: await programmeId(test), episode_id: episodeId, employer: 'Harbour Café', job_title: 'Cook', hours_per_week: 30, contract_type: 'permanent', started_on: day(-5), outcome_id: outcome.id, created_by: null })
      .execute();
    const page = (await leader.get(`${base}/outcomes-and-employment`)).body;
    expect(text(page)).toContain('Job start Recorded from the job start');
    expect(page).not.toContain(`href="${base}/outcomes/${outcome.id}"`);
    expect(page).toContain(`${base}/outcomes/${outcome.id}/verification`);
    expect((await leader.get(`${base}/outcomes/${outcome.id}`)).statusCode).toBe(409);
    expect((await (await sessionAs(test, 'family_support_coordinator')).get(`${base}/outcomes/${outcome.id}`)).statusCode).toBe(403);
    expect((await leader.post(`${base}/outcomes/${outcome.id}/entered-in-error`, { reason: 'No', version: '1' })).statusCode).toBe(409);
    expect((await test.database.db.selectFrom('outcome').select('entered_in_error_at').where('id', '=', outcome.id).executeTakeFirstOrThrow()).entered_in_error_at).toBeNull();
  });
});

describe('the outcomes API and the timeline', () => {
  it('lists, records and corrects outcomes', async () => {
    const url = `/api/v1${base}/outcomes`;
    const headers = await outcomeApiHeaders(test, 'community_life_coach');
    const created = await test.app.inject({ method: 'POST', url, headers, payload: { outcomeType: 'benefits', achievedOn: day(-3), detail: 'Universal Credit' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const refused = await test.app.inject({ method: 'POST', url, headers, payload: { outcomeType: 'benefits', achievedOn: day(2) } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'achievedOn', message: 'Date achieved must be today or in the past' }]);
    const list = await test.app.inject({ url, headers: await outcomeApiHeaders(test, 'team_leader') });
    expect(list.statusCode).toBe(200);
    const outcomes = list.json().outcomes as Record<string, unknown>[];
    expect(outcomes.find((o) => o.id === id)).toMatchObject({ outcomeType: 'benefits', evidenceKind: 'award_letter', state: 'not_needed', recordedBy: 'Jamie Docherty', mayVerify: true, mayCorrect: true, evidenceFiles: [] });
    expect(outcomes.find((o) => o.outcomeType === 'accommodation' && o.detail !== null)).toMatchObject({
      evidenceFiles: [expect.objectContaining({ fileName: 'tenancy.pdf', mediaType: 'application/pdf' }), expect.objectContaining({ fileName: 'photo of the lease.png', mediaType: 'image/png' })],
    });
    expect(outcomes.find((o) => o.outcomeType === 'job_start')).toMatchObject({ recordedFrom: 'job_start', mayCorrect: false });
    const corrected = await test.app.inject({ method: 'PUT', url: `${url}/${id}`, headers, payload: { outcomeType: 'benefits', achievedOn: day(-4), version: 1 } });
    expect(corrected.json()).toEqual({ verificationUndone: false });
    expect(await test.database.db.selectFrom('outcome').select(['achieved_on', 'detail']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ achieved_on: day(-4), detail: null });
  });

  it('shows outcomes on the person’s timeline, those in error struck through', async () => {
    const page = text((await coach.get(`/people/${personId}`)).body);
    expect(page).toContain('Outcome: Benefits');
    expect(page).toMatch(/Outcome: Health or addiction service .*Entered in error: Wrong client/);
    expect(page).toContain('Outcome: Accommodation');
  });

  it('lists each outcome with its verification and evidence files for a subject access request', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = text((await admin.get(`/people/${personId}/subject-access`)).body);
    expect(page).toMatch(/Outcome: health_service \(entered in error: Wrong client\) Verification: rejected by Priya Sharma, .* \(The letter is for someone else\) Evidence files: letter\.png/);
    expect(page).toMatch(/Outcome: accommodation Verification: unverified Evidence: tenancy_agreement, Council ref 42 Evidence files: tenancy\.pdf, photo of the lease\.png Jamie Docherty/);
    const json = (await admin.get(`/people/${personId}/subject-access.json`)).json();
    const outcomes = json.signUps[0].outcomes as Record<string, unknown>[];
    expect(outcomes.find((o) => o.outcomeType === 'accommodation')).toMatchObject({ verification: 'unverified', evidenceFiles: ['tenancy.pdf', 'photo of the lease.png'], recordedBy: 'Jamie Docherty' });
    expect(json.auditTrail.some((event: { recordType: string; action: string }) => event.recordType === 'evidence-file' && event.action === 'export')).toBe(true);
  });

  it('shows imported outcomes as imported', async () => {
    const leaderId = (await demoUser(test, 'team_leader')).id;
    const importId = (
      await test.database.db
        .insertInto('import_batch')
        .values({ programme_id: await programmeId(test), file_name: 'o.csv', file_sha256: 'x', file_bytes: 1, content: Buffer.from('x'), header_row: 1, headers: '[]' as never, row_kind: 'outcomes', columns: '{}' as never, uploaded_by: leaderId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await buildOutcome(test, { episodeId, achievedOn: day(-20), outcome_type: 'education', detail: 'College', import_id: importId });
    expect(text((await coach.get(`${base}/outcomes-and-employment`)).body)).toContain('Education College Imported');
  });
});
