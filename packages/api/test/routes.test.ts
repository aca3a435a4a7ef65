import { createHmac } from 'node:crypto';
import { hasPermission, ROLES } from '@meditrack/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedurePaths } from '../src/routers/root.js';
import { callRest, callTrpc } from './call.js';
import { type Fixtures, fixtures } from './fixtures.js';
import { PASSWORD, rest, startTestApi, type TestApi } from './harness.js';
import { ROUTE_CASES } from './route-cases.js';

let api: TestApi;
let fx: Fixtures;
/** A genuine token of an admin account archived after it was issued. */
let archivedToken: string;
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
  const employee = await fx.employee('admin');
  const login = await rest<{ accessToken: string }>(api, 'POST', '/api/auth/login', {
    body: { email: employee.email, password: PASSWORD },
  });
  archivedToken = login.body.accessToken;
  await rest(api, 'DELETE', `/api/employees/${employee.id}`, { token: api.tokens.admin });
});
afterAll(async () => {
  await api?.close();
  await fx?.closeSync();
});

const allowed = (route: (typeof ROUTE_CASES)[number], role: (typeof ROLES)[number]) =>
  route.allowedRoles
    ? route.allowedRoles.includes(role)
    : route.access === 'public' || route.access === 'authenticated' || hasPermission(role, route.access);

it('covers every procedure of the router', () => {
  expect(ROUTE_CASES.map((c) => c.procedure).sort()).toEqual([...procedurePaths].sort());
});

// Every route, over both transports: the permission table decides, for every role.
describe.each(['REST', 'tRPC'] as const)('%s', (transport) => {
  const call = transport === 'REST' ? callRest : callTrpc;

  describe.each(ROUTE_CASES)('$procedure ($method $path)', (route) => {
    it.each(ROLES.map((role) => ({ role, expected: allowed(route, role) ? route.successStatus : 403 })))(
      '$role -> $expected',
      async ({ role, expected }) => {
        const res = await call(api, route, await route.valid(fx, role), api.tokens[role]);
        const error = 'error' in res && res.error ? res.error : (res as { body?: { error?: unknown } }).body?.error;
        expect(res.status, JSON.stringify(error)).toBe(expected);
        if (expected === 403) {
          expect(error).toMatchObject({ code: 'FORBIDDEN', details: { missingPermission: route.access } });
        }
      },
    );

    if (route.access !== 'public') {
      it('401 without a token, with a malformed, forged (other secret), expired or alg:none token, and for an archived account', async () => {
        const input = await route.valid(fx, 'admin');
        for (const token of [undefined, 'not.a.jwt', forgedToken(), expiredToken(), algNoneToken(), archivedToken]) {
          const res = await call(api, route, input, token);
          expect(res.status).toBe(401);
        }
      });
    }

    it('400 with the field at fault for invalid input', async () => {
      const res = await call(api, route, await route.invalid(fx), api.tokens.admin);
      const error = 'error' in res && res.error ? res.error : (res as { body?: { error?: unknown } }).body?.error;
      expect(res.status, JSON.stringify(error)).toBe(400);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
    });

    if (route.missing) {
      it('404 for a record that does not exist', async () => {
        const res = await call(api, route, await route.missing!(), api.tokens.admin);
        expect(res.status).toBe(404);
      });
    }

    if (route.stale) {
      it('409 with the current version for a stale version', async () => {
        const res = await call(api, route, await route.stale!(fx), api.tokens.admin);
        const error = 'error' in res && res.error ? res.error : (res as { body?: { error?: unknown } }).body?.error;
        expect(res.status).toBe(409);
        expect(error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: expect.any(Number) } });
      });
    }
  });
});

/** An unsigned token claiming to be the admin. */
function algNoneToken(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: '018f0000-0000-7000-8000-000000000000', role: 'admin', exp: 4_000_000_000 })}.`;
}

/** A well-formed token signed with another secret. */
function forgedToken(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '018f0000-0000-7000-8000-000000000000', role: 'admin', exp: 4_000_000_000 })}`;
  return `${body}.${Buffer.from('wrong-signature-wrong-signature!').toString('base64url')}`;
}

function expiredToken(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: 'x', role: 'admin', iat: 1_000_000_000, exp: 1_000_000_100 })}`;
  const sig = createHmac('sha256', 'test-secret-that-is-long-enough-0123456789').update(body).digest('base64url');
  return `${body}.${sig}`;
}
