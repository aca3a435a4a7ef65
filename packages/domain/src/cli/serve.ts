/**
 * Runs the embedded database on its own, with demo data, for psql and the other processes:
 * `pnpm --filter @meditrack/domain dev`. The API's start command does the same in-process.
 */
import { openDatabaseFromEnv } from '../database/from-env.js';

const database = await openDatabaseFromEnv({ seedIfEmpty: true });
console.log(`MediTrack database ready: ${database.description}`);
if (database.embedded) {
  const { host, port } = database.embedded.connection;
  console.log(`psql: psql "host=${host} port=${port} user=postgres dbname=postgres sslmode=disable"`);
}
const stop = async () => {
  await database.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
