import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite } from '../../src/db/connect.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import { countEngagement } from '../../src/modules/reports/engagement-queries.ts';
import { EXPECTED, SAMPLES } from '../support/imports.ts';

/**
 * `throughcare import` run as an operator runs it, in its own process, on an embedded database in a
 * folder of its own.
 */
const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const samplePath = (name: string) => fileURLToPath(new URL(name, SAMPLES));
let dataDir: string;

function env(): NodeJS.ProcessEnv {
  const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete vars.DATABASE_URL;
  return vars;
}

function throughcare(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });
}

/** What the embedded database holds now (the command-line process must have ended). */
async function inDatabase<T>(read: (db: Awaited<ReturnType<typeof connectPglite>>['db']) => Promise<T>): Promise<T> {
  const handle = await connectPglite(dataDir);
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

const AS = ['--as', 'team.leader@roop.example'];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'throughcare-import-'));
  expect(throughcare('seed').status).toBe(0);
}, 120_000);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('throughcare import', () => {
  it('stops at what it cannot read, says which rows and values, and writes nothing', () => {
    const run = throughcare('import', samplePath('signups.xlsx'), ...AS, '--kind', 'sign_ups');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('unknown gate "N" in 61 rows (first row 4)');
    expect(run.stdout).not.toContain('Imported');
  }, 120_000);

  it('imports the sample set so that the engagement report shows the figures it holds', async () => {
    const signUps = throughcare('import', samplePath('signups.xlsx'), ...AS, '--kind', 'sign_ups', '--value', 'gate=N=Gate meeting missed');
    expect(signUps.stderr).not.toMatch(/Error/);
    expect(signUps.stdout).toMatch(/Imported 240 rows: 210 people, 210 names, 210 prison numbers, 240 sign-ups/);
    const contacts = throughcare('import', samplePath('contacts.csv'), ...AS, '--kind', 'contacts', '--value', 'contactType=Prison visit=Face to face');
    expect(contacts.stdout).toContain('Imported 705 rows: 705 contacts');

    const counts = await inDatabase(async (db) => {
      const user = await db
        .selectFrom('app_user as u')
        .innerJoin('programme as p', 'p.id', 'u.programme_id')
        .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
        .where('u.email', '=', 'manager@roop.example')
        .executeTakeFirstOrThrow();
      const ctx = { actor: actorFromRow(user, 'session'), requestId: 'test', address: 'test', db, log: pino({ level: 'silent' }) };
      return countEngagement({ ctx, filter: { from: '2009-01-01', to: '2010-12-31' } });
    });
    expect(counts.totals).toMatchObject({ signUps: EXPECTED.signups, people: EXPECTED.people, engagedSignUps: EXPECTED.engagedSignups, engagedPeople: EXPECTED.engagedPeople });
  }, 120_000);

  it('refuses the same file again unless told --again', () => {
    const run = throughcare('import', samplePath('contacts.csv'), ...AS, '--kind', 'contacts', '--dry-run');
    expect(run.status).toBe(0);
    const again = throughcare('import', samplePath('contacts.csv'), ...AS, '--kind', 'contacts');
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('This file was imported before (contacts.csv)');
  }, 120_000);

  it('leaves the database as it was when the process is killed part-way through an import', async () => {
    const numbers = await inDatabase((db) => db.selectFrom('prison_number').select('number').execute());
    const lines = ['Prisoner Number,Date,Type of contact'];
    for (let i = 0; i < 60_000; i += 1) lines.push(`${numbers[i % numbers.length]?.number},01/06/2011,Phone`);
    const file = join(dataDir, '..', `many-contacts-${process.pid}.csv`);
    await writeFile(file, lines.join('\n'));
    const before = await inDatabase(async (db) => ({
      contacts: Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      episodes: await db.selectFrom('episode').select(['id', 'first_contact_on', 'last_contact_on']).orderBy('id').execute(),
    }));

    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', file, ...AS, '--kind', 'contacts'], { env: env() });
    let importing = false;
    let rowsSinceImporting = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Importing:')) importing = true;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (importing) rowsSinceImporting += chunk.toString();
    });
    const ended = new Promise((resolve) => child.once('exit', resolve));
    while (!/\d{1,2},\d{3} rows/.test(rowsSinceImporting)) {
      if (child.exitCode !== null) throw new Error('The import ended before it could be stopped');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await ended;

    const after = await inDatabase(async (db) => ({
      contacts: Number((await db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      episodes: await db.selectFrom('episode').select(['id', 'first_contact_on', 'last_contact_on']).orderBy('id').execute(),
      batch: await db.selectFrom('import_batch').select('status').where('file_name', 'like', 'many-contacts-%').executeTakeFirstOrThrow(),
    }));
    expect(after.contacts).toBe(before.contacts);
    expect(after.episodes).toEqual(before.episodes);
    expect(after.batch.status).toBe('draft');
    await rm(file, { force: true });
  }, 180_000);
});
