/** Applies pending migrations to DATABASE_URL (or the embedded database): `pnpm db:migrate`. */
import { ConfigError } from '../config.js';
import { openDatabaseFromEnv } from '../database/from-env.js';

try {
  const database = await openDatabaseFromEnv({ prepare: false, unboundedStatements: true });
  try {
    const applied = await database.orm.migrator.up();
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${database.description}: ${applied.map((m) => m.name).join(', ')}`
        : `${database.description} is up to date.`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
