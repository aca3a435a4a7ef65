/** Loads the demo data into an empty database (DATABASE_URL or the embedded one): `pnpm db:seed`. */
import { databaseEnvSchema, parseEnv, seedEnvSchema } from '../config.js';
import { openDatabaseFromEnv } from '../database/from-env.js';
import { isDatabaseEmpty, seedDemoData } from '../seed/demo.js';

const database = await openDatabaseFromEnv({ prepare: false, unboundedStatements: true });
try {
  await database.orm.migrator.up();
  const em = database.orm.em.fork();
  if (!(await isDatabaseEmpty(em))) {
    console.log('The database already has data; the demo seed only loads into an empty one.');
  } else {
    const env = parseEnv(seedEnvSchema);
    const result = await seedDemoData(em, {
      adminEmail: env.ADMIN_EMAIL,
      adminPassword: env.ADMIN_PASSWORD,
      demoPassword: env.DEMO_PASSWORD,
      timeZone: parseEnv(databaseEnvSchema).HOSPITAL_TIMEZONE,
    });
    console.log(`Seeded: ${JSON.stringify(result.counts)}`);
    if (result.generatedAdminPassword) console.log(`Admin password (shown once): ${result.generatedAdminPassword}`);
    if (result.generatedDemoPassword)
      console.log(`Demo accounts' password (shown once): ${result.generatedDemoPassword}`);
  }
} finally {
  await database.close();
}
