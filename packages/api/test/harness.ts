import type { AddressInfo } from 'node:net';
import type { Role } from '@meditrack/contract';
import { Doctor, Employee, hashPassword, WeeklySchedule } from '@meditrack/domain';
import { createTestDatabase, type TestDatabase, testEntityManager } from '@meditrack/domain/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { loadApiConfig } from '../src/config.js';
import type { AppRouter } from '../src/routers/root.js';
import { buildServer } from '../src/server.js';
import { recordAnswers } from './conformance.js';

export const PASSWORD = 'correct-horse-battery';
export const ROLES_UNDER_TEST: Role[] = ['admin', 'doctor', 'nurse', 'receptionist', 'staff'];

export interface TestApi {
  url: string;
  db: TestDatabase;
  /** One account per role, logged in. */
  tokens: Record<Role, string>;
  users: Record<Role, { id: string; email: string }>;
  /** The doctor profile of the `doctor` test account (works every day 08:00-16:00). */
  ownDoctorId: string;
  /**
   * The server's clock (the domain's `now`): `set` moves it to an instant (then it runs on from
   * there), so a test can check in on an appointment's day; `reset` puts it back to the real time.
   */
  clock: { set(at: Date | string): void; reset(): void; now(): Date };
  close(): Promise<void>;
}

/** The real server on a real database (PGlite, or TEST_DATABASE_URL), listening on a random port. */
export async function startTestApi(
  env: Record<string, string> = {},
  logStream?: NodeJS.WritableStream,
): Promise<TestApi> {
  const db = await createTestDatabase();
  const config = loadApiConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    HOSPITAL_TIMEZONE: 'Asia/Jakarta',
    // The suites make thousands of requests and logins from one address; the limits have their own test.
    RATE_LIMIT_MAX: '1000000',
    LOGIN_MAX_PER_ACCOUNT: '100000',
    LOGIN_MAX_PER_ADDRESS: '1000000',
    ...env,
  });
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const { app } = await buildServer({
    orm: db.orm,
    connection: db.connection,
    config,
    logger: logStream ? { stream: logStream } : false,
    now,
  });
  recordAnswers(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const em = testEntityManager(db.orm);
  const passwordHash = await hashPassword(PASSWORD);
  const users = {} as TestApi['users'];
  for (const role of ROLES_UNDER_TEST) {
    const employee = em.create(Employee, {
      name: `Test ${role}`,
      email: `${role}@test.local`,
      username: `${role}-user`,
      passwordHash,
      role,
    });
    users[role] = { id: employee.id, email: employee.email };
  }
  const ownDoctor = em.create(Doctor, {
    employee: em.getReference(Employee, users.doctor.id),
    specialization: 'General Practice',
    licenseNumber: `SELF-${process.pid}-${Date.now()}`,
  });
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    em.create(WeeklySchedule, {
      doctor: ownDoctor,
      weekday,
      startTime: '08:00:00',
      endTime: '16:00:00',
      validFrom: '2024-01-01',
    });
  }
  await em.flush();
  const tokens = {} as TestApi['tokens'];
  for (const role of ROLES_UNDER_TEST) {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@test.local`, password: PASSWORD }),
    });
    tokens[role] = ((await res.json()) as { accessToken: string }).accessToken;
  }
  return {
    url,
    db,
    tokens,
    users,
    ownDoctorId: ownDoctor.id,
    clock: {
      set(at) {
        offsetMs = new Date(at).getTime() - Date.now();
      },
      reset() {
        offsetMs = 0;
      },
      now,
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface RestResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A REST call: `rest(api, 'GET', '/api/patients', { token })`. */
export async function rest<T = unknown>(
  api: Pick<TestApi, 'url'>,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<RestResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${api.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** A typed tRPC client (what the SDK wraps), optionally with a bearer token. */
export function trpcClient(api: Pick<TestApi, 'url'>, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${api.url}/trpc`,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

let nikCounter = 0;
/** A valid, unique 16-digit national ID. */
export function nik(): string {
  nikCounter += 1;
  return `3171${String(process.pid % 1_000_000).padStart(6, '0')}${String(nikCounter).padStart(6, '0')}`;
}
