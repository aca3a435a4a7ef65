import type { AddressInfo } from 'node:net';
import { buildServer, loadApiConfig } from '@meditrack/api';
import { Employee, hashPassword } from '@meditrack/domain';
import { createTestDatabase, type TestDatabase, testEntityManager } from '@meditrack/domain/testing';

export const ADMIN = { email: 'admin@sdk.test', password: 'sdk-admin-password' };
export const JWT_SECRET = 'sdk-test-secret-sdk-test-secret-0123456789';

export interface RunningApi {
  url: string;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real API on a real database (PGlite unless TEST_DATABASE_URL), with one admin account. */
type Server = Awaited<ReturnType<typeof buildServer>>['app'];

export async function startApi(extraRoutes?: (app: Server) => void): Promise<RunningApi> {
  const db = await createTestDatabase();
  const config = loadApiConfig({
    NODE_ENV: 'test',
    JWT_SECRET,
    HOSPITAL_TIMEZONE: 'Asia/Jakarta',
    JWT_ACCESS_TTL_SECONDS: '120',
    RATE_LIMIT_MAX: '1000000',
    LOGIN_MAX_PER_ACCOUNT: '100000',
    LOGIN_MAX_PER_ADDRESS: '1000000',
  });
  const { app } = await buildServer({ orm: db.orm, connection: db.connection, config, logger: false });
  extraRoutes?.(app);
  const em = testEntityManager(db.orm);
  em.create(Employee, {
    name: 'SDK',
    email: ADMIN.email,
    passwordHash: await hashPassword(ADMIN.password),
    role: 'admin',
  });
  await em.flush();
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
