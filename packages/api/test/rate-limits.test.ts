import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';
import { PASSWORD, rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

const login = (api: TestApi, email: string, password = PASSWORD, ip?: string) =>
  rest<Json>(api, 'POST', '/api/auth/login', {
    body: { email, password },
    ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
  });

describe('brute-force protection', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      LOGIN_MAX_PER_ACCOUNT: '3',
      LOGIN_MAX_PER_ADDRESS: '8',
      LOGIN_WINDOW_SECONDS: '60',
      TRUST_PROXY_HOPS: '1',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('blocks an account after too many attempts, even with the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login(api, 'nurse@test.local', 'wrong-password', '10.1.1.1')).status).toBe(401);
    const blocked = await login(api, 'nurse@test.local', PASSWORD, '10.1.1.2');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('blocks a client address trying many accounts', async () => {
    const results = [];
    for (let i = 0; i < 10; i++) results.push((await login(api, `nobody${i}@test.local`, 'x', '10.9.9.9')).status);
    expect(results).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect(results.slice(8)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await login(api, 'staff@test.local', PASSWORD, '10.9.9.10')).status).toBe(200);
  });

  it('a successful login clears the account count', async () => {
    await login(api, 'receptionist@test.local', 'wrong', '10.2.2.2');
    await login(api, 'receptionist@test.local', 'wrong', '10.2.2.3');
    expect((await login(api, 'receptionist@test.local', PASSWORD, '10.2.2.4')).status).toBe(200);
    expect((await login(api, 'receptionist@test.local', 'wrong', '10.2.2.5')).status).toBe(401);
    expect((await login(api, 'receptionist@test.local', PASSWORD, '10.2.2.6')).status).toBe(200);
  });
});

describe('global limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_MAX: '15', RATE_LIMIT_WINDOW_MS: '60000' });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 in the one error shape past the limit, and never limits health checks', async () => {
    const statuses: number[] = [];
    let last: Json = {};
    for (let i = 0; i < 25; i++) {
      const res = await rest<Json>(api, 'GET', '/api/me', { token: api.tokens.staff });
      statuses.push(res.status);
      if (res.status === 429) last = res;
    }
    // The harness logged in (a few requests) before: within the limit of 15, then 429 every time.
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThan(0);
    expect(statuses.slice(0, firstRefused).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    expect(last.body.error.code).toBe('RATE_LIMITED');
    expect(last.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(last.body.requestId).toBe(last.headers.get('x-request-id'));
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(last.headers.get('x-ratelimit-limit')).toBe('15');
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(last.headers.get(name)).toBe(value);
    // Health checks are never limited, and tRPC counts against the same budget.
    expect((await rest(api, 'GET', '/healthz')).status).toBe(200);
    expect((await rest(api, 'GET', '/readyz')).status).toBe(200);
    expect((await rest(api, 'GET', '/trpc/auth.me', { token: api.tokens.staff })).status).toBe(429);
  });

  it('tells each client where it stands, per address', async () => {
    const fresh = await startTestApi({ RATE_LIMIT_MAX: '50', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' });
    try {
      const from = (address: string) =>
        rest(fresh, 'GET', '/api/me', { token: fresh.tokens.staff, headers: { 'x-forwarded-for': address } });
      const first = await from('10.9.9.1');
      const second = await from('10.9.9.1');
      const other = await from('10.9.9.2');
      expect(first.headers.get('x-ratelimit-limit')).toBe('50');
      expect(Number(first.headers.get('x-ratelimit-remaining'))).toBe(49);
      expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(48);
      expect(Number(other.headers.get('x-ratelimit-remaining'))).toBe(49);
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
      // IPv4-mapped IPv6 is the same client; an IPv6 client counts by its /64, which it could
      // otherwise hop through for a fresh budget on every request.
      const remaining = async (address: string) => Number((await from(address)).headers.get('x-ratelimit-remaining'));
      expect(await remaining('::ffff:10.9.9.1')).toBe(47);
      expect(await remaining('2001:db8:1:2::1')).toBe(49);
      expect(await remaining('2001:db8:1:2:abcd::ffff')).toBe(48);
      expect(await remaining('2001:DB8:1:2:0:0:0:7')).toBe(47);
      expect(await remaining('2001:db8:1:3::1')).toBe(49);
    } finally {
      await fresh.close();
    }
  });
});

describe('shared store (RATE_LIMIT_STORE=postgres)', () => {
  it('lets requests through, uncounted, while the store cannot count', async () => {
    const api = await startTestApi({ RATE_LIMIT_STORE: 'postgres', RATE_LIMIT_MAX: '1000' });
    try {
      const sql = (text: string) => api.db.orm.em.getConnection().execute(text);
      await sql('alter table rate_limit_buckets rename to rate_limit_buckets_away');
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await rest(api, 'GET', '/api/me', { token: api.tokens.staff });
          statuses.push(res.status);
          expect(res.headers.get('x-ratelimit-remaining')).toBeNull();
        }
        expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      } finally {
        await sql('alter table rate_limit_buckets_away rename to rate_limit_buckets');
      }
      // Counting again once the store is back.
      const back = await rest(api, 'GET', '/api/me', { token: api.tokens.staff });
      expect(back.status).toBe(200);
      expect(Number(back.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
      expect(Number(back.headers.get('x-ratelimit-remaining'))).toBeLessThan(1000);
    } finally {
      await api.close();
    }
  });

  it('counts attempts made on one replica against another', async () => {
    const a = await startTestApi({
      RATE_LIMIT_STORE: 'postgres',
      LOGIN_MAX_PER_ACCOUNT: '2',
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_MAX: '25',
    });
    try {
      // A second server on the same database: another replica.
      const { buildServer, loadApiConfig } = await import('../src/index.js');
      const config = loadApiConfig({
        NODE_ENV: 'test',
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
        RATE_LIMIT_STORE: 'postgres',
        LOGIN_MAX_PER_ACCOUNT: '2',
        TRUST_PROXY_HOPS: '1',
        RATE_LIMIT_MAX: '25',
      });
      const { app } = await buildServer({ orm: a.db.orm, connection: a.db.connection, config, logger: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const b = { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` } as TestApi;
      try {
        expect((await login(a, 'doctor@test.local', 'wrong', '10.3.3.1')).status).toBe(401);
        expect((await login(b, 'doctor@test.local', 'wrong', '10.3.3.2')).status).toBe(401);
        expect((await login(a, 'doctor@test.local', PASSWORD, '10.3.3.3')).status).toBe(429);
        expect((await login(b, 'doctor@test.local', PASSWORD, '10.3.3.4')).status).toBe(429);
        // The global limit too: 40 requests spread over both replicas count against one budget.
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++)
          statuses.push((await rest(i % 2 ? a : b, 'GET', '/api/me', { token: a.tokens.staff })).status);
        expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(25);
        expect(statuses).toContain(429);
      } finally {
        await app.close();
      }
    } finally {
      await a.close();
    }
  });
});
