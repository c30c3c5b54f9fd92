import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_PSEUDONYM_KEY, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(config.port).toBe(3000);
    expect(config.cookieSecure).toBe(true);
    expect(config.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/tc' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/tc' });
  });

  it('migrates as the schema owner when DATABASE_OWNER_URL is set beside DATABASE_URL (ignored on the embedded database)', () => {
    const owner = 'postgres://owner:p@db:5432/tc';
    expect(loadConfig({ DATABASE_URL: 'postgres://service:p@db:5432/tc', DATABASE_OWNER_URL: owner }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://service:p@db:5432/tc',
      ownerUrl: owner,
    });
    expect(loadConfig({ DATABASE_OWNER_URL: owner }).database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://service:p@db:5432/tc', DATABASE_OWNER_URL: 'mysql://x' })).toThrow(/DATABASE_OWNER_URL/);
  });

  it('stops production without a database server, and names each bad setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('DATABASE_URL: required in production');
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  it('needs its own research pseudonym key in production, and uses the published development key elsewhere', () => {
    const server = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/tc' };
    expect(() => loadConfig(server)).toThrow('RESEARCH_PSEUDONYM_KEY: required in production');
    expect(() => loadConfig({ ...server, RESEARCH_PSEUDONYM_KEY: 'too short' })).toThrow(/RESEARCH_PSEUDONYM_KEY/);
    expect(loadConfig({ ...server, RESEARCH_PSEUDONYM_KEY: 'k'.repeat(32) }).researchPseudonymKey).toBe('k'.repeat(32));
    expect(loadConfig({}).researchPseudonymKey).toBe(DEVELOPMENT_PSEUDONYM_KEY);
  });
});
