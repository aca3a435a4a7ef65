/**
 * Generates a migration from the difference between the entities and the schema that the existing
 * migrations produce, using a throw-away in-memory database: `pnpm db:migration:create [name]`.
 */
import { openDatabase } from '../database/open.js';

const name = process.argv[2];
const database = await openDatabase({ embeddedDir: null, migrate: true });
try {
  const result = await database.orm.migrator.create(undefined, false, false, name);
  if (!result.fileName) {
    console.log('No changes: the entities match the migrations.');
  } else {
    console.log(`Created src/migrations/${result.fileName}; register it in src/migrations/index.ts.`);
    console.log(result.diff.up.join('\n'));
  }
} finally {
  await database.close();
}
