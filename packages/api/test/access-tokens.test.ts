import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function signed(payload: object, secret = SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${enc(header)}.${enc(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const me = (authorization?: string) =>
  rest<Json>(api, 'GET', '/api/me', authorization ? { headers: { authorization } } : {});

describe('access tokens', () => {
  it('are HS256 JWTs that live JWT_ACCESS_TTL_SECONDS, accepted with the Bearer scheme in any case', async () => {
    const token = api.tokens.staff;
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload.exp - payload.iat).toBe(900);
    // The employee and the session; nothing else (the role is read from the database on every request).
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sid', 'sub']);
    expect(payload).toMatchObject({ sub: api.users.staff.id, sid: expect.any(String) });
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) expect((await me(`${scheme} ${token}`)).status).toBe(200);
  });

  it('refuse every bad token with 401 and the reason, never 500', async () => {
    const { id } = api.users.admin;
    const now = Math.floor(Date.now() / 1000);
    const sid = JSON.parse(Buffer.from(api.tokens.admin.split('.')[1] as string, 'base64url').toString()).sid as string;
    const cases: [string | undefined, string][] = [
      [undefined, 'missing'],
      [`Bearer ${signed({ sub: id, sid, iat: now - 2000, exp: now - 1000 })}`, 'expired'],
      [
        `Bearer ${signed({ sub: id, sid, iat: now, exp: now + 600 }, 'another-secret-that-is-long-enough-000')}`,
        'invalid',
      ],
      [`Bearer ${signed({ sub: id, sid, iat: now, exp: now + 600 }, SECRET, { alg: 'HS512', typ: 'JWT' })}`, 'invalid'],
      [`Bearer ${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: id, sid, exp: now + 600 })}.`, 'invalid'],
      // Signed with the right secret, but not one of ours: no subject, no expiry, no issue time.
      [`Bearer ${signed({ sid, iat: now, exp: now + 600 })}`, 'invalid'],
      [`Bearer ${signed({ sub: id, iat: now, exp: now + 600 })}`, 'invalid'],
      // Well signed, but of a session that does not exist (or has ended).
      [
        `Bearer ${signed({ sub: id, sid: '018f0000-0000-7000-8000-000000000000', iat: now, exp: now + 600 })}`,
        'session',
      ],
      [`Bearer ${signed({ sub: id, sid, iat: now })}`, 'invalid'],
      [`Bearer ${signed({ sub: id, sid, exp: now + 600 })}`, 'invalid'],
      ['Bearer not.a.jwt', 'invalid'],
      ['Bearer', 'invalid'],
      [`Basic ${Buffer.from('admin:secret').toString('base64')}`, 'invalid'],
      [`Bearer ${api.tokens.admin} extra`, 'invalid'],
    ];
    for (const [authorization, reason] of cases) {
      const res = await me(authorization);
      expect({
        authorization,
        status: res.status,
        code: res.body.error?.code,
        reason: res.body.error?.details?.reason,
      }).toEqual({
        authorization,
        status: 401,
        code: 'UNAUTHENTICATED',
        reason,
      });
    }
    // A well-signed token of ours still works after all of that.
    expect((await me(`Bearer ${signed({ sub: id, sid, iat: now, exp: now + 600 })}`)).status).toBe(200);
  });
});
