import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

const login = async (email: string) =>
  (await rest<Json>(api, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })).body;
const refresh = (refreshToken: string) => rest<Json>(api, 'POST', '/api/auth/refresh', { body: { refreshToken } });

describe('sessions', () => {
  it('rotates the refresh token on every use; the new tokens work', async () => {
    const first = await login('nurse@test.local');
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await rest(api, 'GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
  });

  it('reuse of a rotated token revokes the whole family', async () => {
    const first = await login('nurse@test.local');
    const second = await refresh(first.refreshToken);
    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.details.reason).toBe('refresh-reused');
    // The legitimate holder's newer token died with the family.
    const after = await refresh(second.body.refreshToken);
    expect(after.status).toBe(401);
    expect(after.body.error.details.reason).toBe('refresh-revoked');
  });

  it('of two simultaneous refreshes with one token exactly one succeeds', async () => {
    const session = await login('nurse@test.local');
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refreshToken)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(4);
  });

  it('logout revokes the session; unknown tokens answer the same', async () => {
    const session = await login('nurse@test.local');
    expect((await rest(api, 'POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } })).status).toBe(
      204,
    );
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect(
      (await rest(api, 'POST', '/api/auth/logout', { body: { refreshToken: 'never-issued-token-value' } })).status,
    ).toBe(204);
  });

  it('archiving an employee, changing their role or their password ends their sessions', async () => {
    for (const change of ['archive', 'role', 'password'] as const) {
      const employee = await fx.employee('receptionist');
      const session = await login(employee.email);
      const current = await rest<Json>(api, 'GET', `/api/employees/${employee.id}`, { token: api.tokens.admin });
      const { id, version, createdAt, updatedAt, archivedAt, ...fields } = current.body;
      if (change === 'archive') await rest(api, 'DELETE', `/api/employees/${id}`, { token: api.tokens.admin });
      else {
        const body = {
          id,
          version,
          ...fields,
          ...(change === 'role' ? { role: 'staff' } : { password: 'a-brand-new-password' }),
        };
        expect((await rest(api, 'PUT', `/api/employees/${id}`, { token: api.tokens.admin, body })).status).toBe(200);
      }
      const res = await refresh(session.refreshToken);
      expect(res.status, change).toBe(401);
      if (change !== 'role')
        expect((await rest(api, 'GET', '/api/me', { token: session.accessToken })).status, change).toBe(401);
    }
  });

  it('refuses an alg:none token and a token for an archived account', async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: api.users.admin.id, role: 'admin', exp: 4_000_000_000 })}.`;
    const res = await rest<Json>(api, 'GET', '/api/patients', { token: none });
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe('invalid');
  });
});
