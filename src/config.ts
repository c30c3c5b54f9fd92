import { z } from 'zod';
import { notificationEnvironment, notificationsConfig, type NotificationsConfig } from './config-notifications.ts';

/**
 * Every setting the service reads from its environment, checked once at start-up.
 * docs/configuration.md describes each one; keep the two in step.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_OWNER_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: booleanFromEnv.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  IMPORT_MAX_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  IMPORT_MAX_EXPANDED_BYTES: z.coerce.number().int().min(1024).default(500 * 1024 * 1024),
  IMPORT_MAX_ZIP_ENTRIES: z.coerce.number().int().min(10).default(1000),
  TRUST_PROXY: booleanFromEnv.default(false),
  DEMO_PASSWORD: z.string().min(12).max(128).optional(),
  SERVER_TIMING: booleanFromEnv.default(false),
  RESEARCH_PSEUDONYM_KEY: z.string().min(32, 'must be at least 32 characters (a long random secret)').optional(),
  ...notificationEnvironment,
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  environment: Environment['NODE_ENV'];
  host: string;
  port: number;
  /** url: the service's role; ownerUrl: the schema owner's, for migrations (docs/decisions/0008-database-roles.md). */
  database: { kind: 'postgres'; url: string; ownerUrl?: string } | { kind: 'pglite'; dataDir: string };
  logLevel: Environment['LOG_LEVEL'];
  cookieSecure: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  bodyLimitBytes: number;
  /** Uploaded spreadsheets: the largest file, and how much an Excel file may unpack to (see src/spreadsheets). */
  import: { maxBytes: number; maxExpandedBytes: number; maxZipEntries: number };
  trustProxy: boolean;
  demoPassword: string;
  /** Whether responses say how long their SQL and the whole request took (a Server-Timing header), for benchmarks. */
  serverTiming: boolean;
  /** The secret the research extract's pseudonyms are keyed with (HMAC-SHA256). */
  researchPseudonymKey: string;
  /** Notifications: e-mail through an SMTP server (optional), and how often the overdue check runs. */
  notifications: NotificationsConfig;
}

/** The password every demo user gets unless DEMO_PASSWORD says otherwise (never in production). */
export const DEFAULT_DEMO_PASSWORD = 'through-the-gate-demo';

/**
 * The research extract's key outside production: fixed and published, so development and test
 * extracts are stable across restarts. Never secret, so never used in production.
 */
export const DEVELOPMENT_PSEUDONYM_KEY = 'throughcare-development-pseudonym-key-not-secret';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required in production');
  }
  if (e.NODE_ENV === 'production' && !e.RESEARCH_PSEUDONYM_KEY) {
    throw new ConfigError('Invalid configuration:\n  RESEARCH_PSEUDONYM_KEY: required in production');
  }
  const notifications = notificationsConfig(e, e.NODE_ENV);
  if (Array.isArray(notifications)) throw new ConfigError(`Invalid configuration:\n  ${notifications.join('\n  ')}`);
  return {
    environment: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, ...(e.DATABASE_OWNER_URL ? { ownerUrl: e.DATABASE_OWNER_URL } : {}) }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? true,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    import: { maxBytes: e.IMPORT_MAX_BYTES, maxExpandedBytes: e.IMPORT_MAX_EXPANDED_BYTES, maxZipEntries: e.IMPORT_MAX_ZIP_ENTRIES },
    trustProxy: e.TRUST_PROXY,
    demoPassword: e.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    serverTiming: e.SERVER_TIMING,
    researchPseudonymKey: e.RESEARCH_PSEUDONYM_KEY ?? DEVELOPMENT_PSEUDONYM_KEY,
    notifications,
  };
}
