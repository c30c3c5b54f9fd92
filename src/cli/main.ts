import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, ConfigError, type Config } from '../config.ts';
import { ROLES, type Role } from '../modules/auth/roles.ts';
import { DEMO_USERS } from '../seed/roop.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { generateSyntheticData } from '../seed/synthetic/generate.ts';
import { openDatabase, startServer } from '../server.ts';
import { createUserCommand } from './create-user.ts';

/** The operator's command line: `throughcare migrate | seed | generate | create-user | serve`. */
const program = new Command('throughcare').description('Throughcare: case management for through-the-gate resettlement');

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(async () => {
    const { database, applied } = await openDatabase(config());
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date');
    await database.close();
  });

program
  .command('seed')
  .description('add the demo programme "Routes out of Prison" with one user for each role')
  .action(async () => {
    const settings = config();
    refuseInProduction(settings, DEMO_REFUSED);
    const { database } = await openDatabase(settings);
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
  .option('--programme <slug>', 'programme slug', 'roop')
  .action(async (options: { email: string; name: string; role: Role; team?: string; programme: string }) => {
    const { database } = await openDatabase(config());
    try {
      console.log(await createUserCommand({ db: database.db, ...options }));
    } finally {
      await database.close();
    }
  });

program
  .command('serve')
  .description('start the web service')
  .option('--seed-demo', 'add the demo programme first if the database has none (never in production)')
  .action(async (options: { seedDemo?: boolean }) => {
    const settings = config();
    if (options.seedDemo) refuseInProduction(settings, DEMO_REFUSED);
    const server = await startServer(settings, { seedDemo: Boolean(options.seedDemo) });
    const where = settings.database.kind === 'pglite' ? `embedded database in ${settings.database.dataDir}` : 'PostgreSQL';
    console.log(`Throughcare is running at ${server.url.replace('127.0.0.1', 'localhost')} (${where})`);
    if (options.seedDemo) {
      console.log(`Sign in as any demo user with the password "${settings.demoPassword}", for example:`);
      for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(32)} ${user.role}`);
    }
    const stop = async () => {
      await server.app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

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

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number.');
  return Number(value);
}

await program.parseAsync();
