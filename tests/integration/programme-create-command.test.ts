import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPglite } from '../../src/db/connect.ts';
import { migratedDataDir, runThroughcare } from '../support/command-line.ts';

/**
 * `throughcare programme create` as an operator runs it, in its own process, on an embedded database
 * in a folder of its own, for its exit codes and what it prints: whatever DATABASE_URL says, so the
 * PostgreSQL pass leaves this file out (vitest.config.ts). What it refuses, and why, is tested in
 * process, on both databases (programme-create.test.ts): here one refusal found in the database and
 * one found in the options, each a process of its own.
 */
describe('throughcare programme create, from the command line', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await migratedDataDir('throughcare-programme-');
  }, 120_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  function throughcare(args: string[], env: Record<string, string> = {}) {
    const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete vars.DATABASE_URL;
    delete vars.THROUGHCARE_ADMIN_PASSWORD;
    Object.assign(vars, env);
    return runThroughcare(['programme', 'create', ...args], { env: vars });
  }
  const args = (change: Record<string, string> = {}) =>
    Object.entries({ slug: 'first', name: 'First Programme', 'admin-email': 'first@first.example', 'admin-name': 'First Admin', ...change }).flatMap(
      ([flag, value]) => [`--${flag}`, value],
    );

  it('creates the first programme on an empty database (exit 0), with the password from the environment', async () => {
    const run = await throughcare(args(), { THROUGHCARE_ADMIN_PASSWORD: 'heather on the hill' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Created the programme "First Programme" (first)');
    expect(run.stdout).toContain('password: the one in THROUGHCARE_ADMIN_PASSWORD');
  }, 120_000);

  it.each([
    ['a slug already taken', { 'admin-email': 'other@first.example' }, 'There is already a programme "first": choose another slug'],
    ['a time zone that is not one', { slug: 'second', 'admin-email': 'other@first.example', 'time-zone': 'GMT+1' }, '--time-zone "GMT+1" is not a time zone'],
  ])(
    'refuses %s with exit 2 and one line on standard error',
    async (_what, change, message) => {
      const run = await throughcare(args(change));
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    },
    120_000,
  );

  it('created the one programme and the one user, and nothing for the refused attempts', async () => {
    const handle = await connectPglite(dataDir);
    try {
      const programmes = await handle.db.selectFrom('programme').select('slug').execute();
      const users = await handle.db.selectFrom('app_user').select('email').execute();
      expect(programmes.map((p) => p.slug)).toEqual(['first']);
      expect(users.map((u) => u.email)).toEqual(['first@first.example']);
    } finally {
      await handle.close();
    }
  });
});
