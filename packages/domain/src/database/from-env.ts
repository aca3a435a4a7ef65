import { ConfigError, databaseEnvSchema, embeddedDataDir, parseEnv, seedEnvSchema } from '../config.js';
import { createFirstAdmin, isDatabaseEmpty, seedDemoData } from '../seed/demo.js';
import { type Database, openDatabase } from './open.js';
import { timeoutsOf } from './timeouts.js';

export interface OpenFromEnvOptions {
  env?: NodeJS.ProcessEnv;
  /** Load the demo seed into an empty embedded database (the README's start command). */
  seedIfEmpty?: boolean;
  /**
   * Make the database ready to serve (default): on a real server refuse pending migrations; on an
   * empty database create the demo data (embedded) or the first admin. `false` for maintenance
   * commands (migrate, seed) that do their own.
   */
  prepare?: boolean;
  /** Where one-time notices (generated passwords) go; never a log sink. */
  announce?: (text: string) => void;
  /** Statements run without the DB_STATEMENT_TIMEOUT_MS bound (migrations may rewrite big tables). */
  unboundedStatements?: boolean;
}

/**
 * Opens the database the environment names: DATABASE_URL, or the embedded one in DATA_DIR (started
 * here, migrated, and seeded with demo data when empty and DEMO_SEED allows it).
 */
const MIGRATE_HINT =
  "run `pnpm db:migrate` with the same DATABASE_URL (in containers: the compose file's `migrate` service), then start again.";

/** PostgreSQL's "database does not exist" (SQLSTATE 3D000) as what to do about it. */
function missingDatabase(error: unknown, description: string): ConfigError | undefined {
  if ((error as { code?: string } | null)?.code !== '3D000') return undefined;
  return new ConfigError(`${description}: the database does not exist; ${MIGRATE_HINT}`);
}

/** The database exists and has MediTrack's migrations table, or a ConfigError saying what to run. */
async function refuseUnmigrated(database: Database): Promise<void> {
  let rows: { migrations: string | null }[];
  try {
    rows = await database.orm.em
      .getConnection()
      .execute<{ migrations: string | null }[]>("select to_regclass('mikro_orm_migrations')::text as migrations");
  } catch (error) {
    throw missingDatabase(error, database.description) ?? error;
  }
  if (!rows[0]?.migrations)
    throw new ConfigError(`${database.description}: the database has no MediTrack schema yet; ${MIGRATE_HINT}`);
}

export async function openDatabaseFromEnv(options: OpenFromEnvOptions = {}): Promise<Database> {
  const env = parseEnv(databaseEnvSchema, options.env);
  const serving = options.prepare !== false;
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    // Maintenance commands (migrate) create a missing database; a serving process changes nothing.
    createDatabase: !serving,
    embeddedDir: embeddedDataDir(env),
    embeddedPort: env.EMBEDDED_DB_PORT,
    poolMax: env.DB_POOL_MAX,
    debug: env.DB_DEBUG,
    timeouts: { ...timeoutsOf(env), ...(options.unboundedStatements ? { statementMs: 0 } : {}) },
  }).catch((error: unknown) => {
    throw missingDatabase(error, 'PostgreSQL at DATABASE_URL') ?? error;
  });
  try {
    if (options.prepare === false) return database;
    if (!database.embedded) {
      // A real server is migrated explicitly (`pnpm db:migrate`); refuse to serve a schema that is
      // missing or behind, having changed nothing (the migrator's own check would create its table).
      await refuseUnmigrated(database);
      const pending = await database.orm.migrator.getPending();
      if (pending.length) {
        throw new ConfigError(
          `The database has ${pending.length} pending migration(s) (${pending.map((m) => m.name).join(', ')}): run \`pnpm db:migrate\` first.`,
        );
      }
    }
    const seedEnv = parseEnv(seedEnvSchema, options.env);
    const em = database.orm.em.fork();
    if (await isDatabaseEmpty(em)) {
      const announce = options.announce ?? console.log;
      if (options.seedIfEmpty && database.embedded && seedEnv.DEMO_SEED) {
        const result = await seedDemoData(em, {
          adminEmail: seedEnv.ADMIN_EMAIL,
          adminPassword: seedEnv.ADMIN_PASSWORD,
          demoPassword: seedEnv.DEMO_PASSWORD,
          timeZone: env.HOSPITAL_TIMEZONE,
        });
        announce(describeSeed(result));
      } else if (seedEnv.ADMIN_PASSWORD) {
        await createFirstAdmin(em, seedEnv.ADMIN_EMAIL, seedEnv.ADMIN_PASSWORD);
        announce(`Created the first admin account, ${seedEnv.ADMIN_EMAIL} (password: ADMIN_PASSWORD).`);
      } else {
        announce('No accounts exist yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first admin.');
      }
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

function describeSeed(result: Awaited<ReturnType<typeof seedDemoData>>): string {
  const { counts } = result;
  const lines = [
    '',
    '== MediTrack demo data loaded ==',
    `${counts.departments} departments, ${counts.doctors} doctors, ${counts.patients} patients, ${counts.appointments} appointments.`,
    'Accounts:',
    ...result.accounts.map((a) => `  ${a.role.padEnd(13)} ${a.email}`),
  ];
  if (result.generatedAdminPassword) {
    lines.push(`Admin password (generated, shown only this once): ${result.generatedAdminPassword}`);
  } else {
    lines.push('Admin password: the value of ADMIN_PASSWORD.');
  }
  if (result.generatedDemoPassword) {
    lines.push(`Other demo accounts' password (generated, shown only this once): ${result.generatedDemoPassword}`);
  } else {
    lines.push("Other demo accounts' password: the value of DEMO_PASSWORD.");
  }
  lines.push('');
  return lines.join('\n');
}
