import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { openDatabaseFromEnv } from '../src/database/from-env.js';
import { Employee } from '../src/entities/index.js';
import { verifyPassword } from '../src/security/passwords.js';
import { createEmptyTestDatabaseUrl, testEntityManager } from '../src/testing/index.js';

let empty: Awaited<ReturnType<typeof createEmptyTestDatabaseUrl>>;
beforeAll(async () => {
  empty = await createEmptyTestDatabaseUrl();
});
afterAll(async () => {
  await empty?.drop();
});

describe('opening a real server from the environment', () => {
  it('refuses to serve an unmigrated database, naming the command that fixes it, and changes nothing', async () => {
    const error = await openDatabaseFromEnv({ env: { DATABASE_URL: empty.url }, announce: () => {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/no MediTrack schema.*pnpm db:migrate/);
    // Not even the migrations table: the next `db:migrate` starts from an untouched database.
    const maintenance = await openDatabaseFromEnv({ env: { DATABASE_URL: empty.url }, prepare: false });
    const tables = await maintenance.orm.em
      .getConnection()
      .execute<{ n: number }[]>("select count(*)::int as n from pg_tables where schemaname = 'public'");
    await maintenance.close();
    expect(tables[0]?.n).toBe(0);
  });

  it('after `db:migrate`, creates exactly one first admin from ADMIN_EMAIL / ADMIN_PASSWORD, once', async () => {
    const maintenance = await openDatabaseFromEnv({ env: { DATABASE_URL: empty.url }, prepare: false });
    await maintenance.orm.migrator.up();
    await maintenance.close();

    const notices: string[] = [];
    const withoutPassword = await openDatabaseFromEnv({
      env: { DATABASE_URL: empty.url },
      announce: (t) => notices.push(t),
    });
    expect(await testEntityManager(withoutPassword.orm).count(Employee, {})).toBe(0);
    expect(notices.join()).toMatch(/set ADMIN_EMAIL and ADMIN_PASSWORD/);
    await withoutPassword.close();

    const env = {
      DATABASE_URL: empty.url,
      ADMIN_EMAIL: 'chief@hospital.test',
      ADMIN_PASSWORD: 'a-long-admin-password',
    };
    for (let start = 0; start < 2; start++) {
      const database = await openDatabaseFromEnv({ env, seedIfEmpty: true, announce: () => {} });
      const accounts = await testEntityManager(database.orm).find(Employee, {}, { populate: ['passwordHash'] });
      expect(accounts.map((a) => [a.email, a.role])).toEqual([['chief@hospital.test', 'admin']]);
      expect(await verifyPassword(accounts[0]!.passwordHash, 'a-long-admin-password')).toBe(true);
      await database.close();
    }
  });
});
