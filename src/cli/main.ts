import { Command, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from '../config.ts';
import { ROLES, type Role } from '../modules/auth/roles.ts';
import { openDatabase } from '../db/open.ts';
import { UsageError } from './acting-as.ts';
import { addImportCommand, PROCESS_IO, wholeNumber } from './import-program.ts';
import { ADMIN_PASSWORD_VARIABLE, DEFAULT_TIME_ZONE, programmeCreateCommand, STARTER_HELP } from './programme-create.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../modules/programme-export/export.ts';

/**
 * The operator's command line: `throughcare migrate | seed | generate | create-user | programme create | import | export | restore | retention | notify-overdue | serve`.
 * Each command loads what it needs when it runs (the web app, the importer, the generator), so that
 * a command, or a mistake in one, answers without loading the rest.
 */
const program = new Command('throughcare').description('Throughcare: case management for through-the-gate resettlement');

program
  .command('migrate')
  .description('bring the database schema up to date (as DATABASE_OWNER_URL\'s role when set, then granting DATABASE_URL\'s role what the service needs)')
  .action(async () => {
    const settings = config();
    const { database, applied } = await openDatabase(settings);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date');
    // Every time, so a table added since, or a right granted by hand, is set right.
    const { AUDIT_LOG_UNPROTECTED, auditLogProtected, grantServiceRole } = await import('../db/roles.ts');
    const serviceRole = await grantServiceRole(database);
    if (serviceRole) console.log(`The service's role ${serviceRole} may read and write the programme's records and add to the audit log, but not change it or the schema`);
    else if (settings.environment === 'production' && !(await auditLogProtected(database.db))) console.warn(AUDIT_LOG_UNPROTECTED);
    await database.close();
  });

program
  .command('seed')
  .description('add the demo programme "Routes out of Prison" with one user for each role')
  .action(async () => {
    const settings = config();
    refuseInProduction(settings, DEMO_REFUSED);
    const { database } = await openDatabase(settings);
    const { seedDemo } = await import('../seed/seed-demo.ts');
    const outcome = await seedDemo({ db: database.db, password: settings.demoPassword });
    console.log(outcome === 'seeded' ? 'Demo programme added' : 'The demo programme is already there');
    await database.close();
  });

program
  .command('generate')
  .description('fill the database with synthetic people, sign-ups and casework, for trying out and benchmarking (never in production)')
  .requiredOption('--people <count>', 'how many people', wholeNumber)
  .option('--programme <slug>', 'programme slug', 'roop')
  .option('--seed <number>', 'random seed: the same seed on the same database gives the same data', wholeNumber, 42)
  .option('--as-of <date>', 'the day the data runs up to, YYYY-MM-DD (default: today)')
  .action(async (options: { people: number; programme: string; seed: number; asOf?: string }) => {
    const settings = config();
    refuseInProduction(settings, 'Synthetic data is never generated in production.');
    const { database } = await openDatabase(settings);
    try {
      const { generateSyntheticData } = await import('../seed/synthetic/generate.ts');
      const concurrency = database.kind === 'postgres' ? 2 : 1;
      const summary = await generateSyntheticData({ db: database.db, ...options, concurrency, progress: (line) => console.error(line) });
      const { rows } = summary;
      console.log(
        `Generated ${rows.person} people, ${rows.episode} sign-ups, ${rows.contact} contacts, ${rows.need} needs and ${rows.plan_action} plan actions ` +
          `up to ${summary.asOf} in ${summary.seconds.toFixed(1)} s (${summary.staffCreated} synthetic staff added)`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('create-user')
  .description('add a user (the password is read from THROUGHCARE_PASSWORD or standard input)')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>', 'full name')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .option('--team <team>', 'team name')
  .option('--agency <name>', 'a partner agency user\'s organisation, by its name in the agency directory')
  .option('--programme <slug>', 'programme slug', 'roop')
  .action(async (options: { email: string; name: string; role: Role; team?: string; agency?: string; programme: string }) => {
    const { database } = await openDatabase(config());
    try {
      const { createUserCommand } = await import('./create-user.ts');
      console.log(await createUserCommand({ db: database.db, ...options }));
    } finally {
      await database.close();
    }
  });

program
  .command('programme')
  .description('programmes side by side in one database: `programme create` starts a new one')
  .command('create')
  .description(`start a new programme with a starter configuration and its first administrator (password from ${ADMIN_PASSWORD_VARIABLE}, or generated and shown once)`)
  .option('--slug <slug>', 'short name: 2 to 40 lower-case letters, digits and hyphens (required)')
  .option('--name <name>', 'the programme’s name as users see it (required)')
  .option('--time-zone <zone>', `IANA time zone that dates and times are shown in (default: ${DEFAULT_TIME_ZONE})`)
  .option('--admin-email <email>', 'the first administrator’s email address, not used by any user of any programme (required)')
  .option('--admin-name <name>', 'the first administrator’s full name (required)')
  .option('--starter <starter>', 'scottish or blank, see below (default: scottish)')
  .addHelpText('after', STARTER_HELP)
  // A mistake in how it is called (an unknown option, say) is a usage error too: exit 2, as for bad values.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .action(async (options: Record<string, unknown>) => {
    await runReporting((db) => programmeCreateCommand({ db, options, password: process.env[ADMIN_PASSWORD_VARIABLE], out: (line) => console.log(line) }));
  });

addImportCommand(program, PROCESS_IO);

program
  .command('export')
  .description('everything the programme holds (every table), as a zip of CSV files or one XLSX workbook; audited')
  .requiredOption('--as <email>', 'the administrator exporting (their programme is exported)')
  .addOption(new Option('--format <format>', 'zip (CSV files) or xlsx').choices(EXPORT_FORMATS).default('zip'))
  .requiredOption('--out <file>', 'the file to write')
  .action(async (options: { as: string; format: ExportFormat; out: string }) => {
    const { exportCommand } = await import('./programme-export.ts');
    await runReporting((db) => exportCommand(db, options, (line) => console.log(line)));
  });

program
  .command('restore')
  .description('load an export into a new, empty programme (all or nothing); users come back deactivated with no password')
  .argument('<file>', 'the .zip or .xlsx export')
  .requiredOption('--programme <slug>', 'the new programme’s slug (refused if that programme already holds data)')
  .requiredOption('--name <name>', 'the new programme’s name')
  .action(async (file: string, options: { programme: string; name: string }) => {
    const { restoreCommand } = await import('./programme-export.ts');
    await runReporting((db) => restoreCommand(db, { file, ...options }, (line) => console.log(line)));
  });

program
  .command('retention')
  .description('apply each programme\'s retention rules: delete what is due (one transaction per person), keeping pseudonymised statistics; audited')
  .option('--dry-run', 'list what is due (record ids and dates, no names) and delete nothing')
  .option('--programme <slug>', 'one programme (default: every programme)')
  .option('--as-of <date>', 'the day to count from, YYYY-MM-DD (default: each programme\'s today)')
  .action(async (options: { dryRun?: boolean; programme?: string; asOf?: string }) => {
    const { retentionCommand } = await import('./retention.ts');
    await runReporting((db) => retentionCommand(db, options, (line) => console.log(line)));
  });

program
  .command('notify-overdue')
  .description('tell both sides of each referral that has fallen overdue (once per due day), then e-mail what waits when SMTP_URL is set; counts only')
  .option('--programme <slug>', 'one programme (default: every programme)')
  .option('--as-of <date>', 'the day to count from, YYYY-MM-DD (default: each programme\'s today)')
  .action(async (options: { programme?: string; asOf?: string }) => {
    const { notifyOverdueCommand } = await import('./notify-overdue.ts');
    await runReporting((db) => notifyOverdueCommand(db, config(), options, (line) => console.log(line)));
  });

program
  .command('serve')
  .description('start the web service')
  .option('--seed-demo', 'add the demo programme first if the database has none (never in production)')
  .action(async (options: { seedDemo?: boolean }) => {
    const settings = config();
    if (options.seedDemo) refuseInProduction(settings, DEMO_REFUSED);
    const { startServer } = await import('../server.ts');
    const server = await startServer(settings, { seedDemo: Boolean(options.seedDemo) });
    const where = settings.database.kind === 'pglite' ? `embedded database in ${settings.database.dataDir}` : 'PostgreSQL';
    console.log(`Throughcare is running at ${server.url.replace('127.0.0.1', 'localhost')} (${where})`);
    if (options.seedDemo) {
      console.log(`Sign in as any demo user with the password "${settings.demoPassword}", for example:`);
      const { DEMO_USERS } = await import('../seed/roop.ts');
      for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(32)} ${user.role}`);
    }
    const stop = async () => {
      await server.app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

/** Runs a command on the database (exit with the code it answers, or 0): a mistake in the command or the file is said plainly (exit 2), with no stack trace. */
async function runReporting(work: (db: Awaited<ReturnType<typeof openDatabase>>['database']['db']) => Promise<unknown>): Promise<void> {
  const { database } = await openDatabase(config());
  let code: number;
  try {
    const answer = await work(database.db);
    code = typeof answer === 'number' ? answer : 0;
  } catch (error) {
    const { RestoreRefused } = await import('../modules/programme-export/export-source.ts');
    if (!(error instanceof UsageError || error instanceof RestoreRefused)) throw error;
    console.error(error.message);
    code = 2;
  } finally {
    await database.close();
  }
  // Exit explicitly: the embedded database's runtime resets process.exitCode when it closes.
  process.exit(code);
}

function config(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const DEMO_REFUSED = 'The demo programme and its users are never added in production.';

function refuseInProduction(settings: Config, message: string) {
  if (settings.environment === 'production') {
    console.error(message);
    process.exit(2);
  }
}

await program.parseAsync();
