import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonDepth } from '../src/http/hygiene.js';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';
import { rest, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ CORS_ORIGINS: 'https://frontdesk.hospital.test', JSON_MAX_DEPTH: '20' });
});
afterAll(async () => {
  await api?.close();
});

describe('transport hygiene', () => {
  it('sends the security headers and a request id on every response, errors included, and no x-powered-by', async () => {
    const responses = [
      await rest(api, 'GET', '/api/me', { token: api.tokens.staff }),
      await rest(api, 'GET', '/api/me'),
      await rest(api, 'GET', '/api/no-such-route', { token: api.tokens.staff }),
      await rest(api, 'GET', '/trpc/auth.me', { token: api.tokens.staff }),
      await rest(api, 'GET', '/healthz'),
      await rest(api, 'GET', '/api/patients?name=a', { token: api.tokens.receptionist }),
      await rest(api, 'GET', '/trpc/patients.list?input=%7B%22json%22%3A%7B%7D%7D', { token: api.tokens.receptionist }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 200, 200, 200, 200]);
    for (const res of responses) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // OWASP's REST Security Cheat Sheet: patient data is never stored by a browser or a proxy.
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-site');
      for (const name of Object.keys(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(SECURITY_HEADERS[name]);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Two requests, two ids.
    expect(responses[0]?.headers.get('x-request-id')).not.toBe(responses[1]?.headers.get('x-request-id'));
  });

  it('allows CORS only for configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/api/patients`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://frontdesk.hospital.test');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://frontdesk.hospital.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${api.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses JSON nested too deeply with a clean 400, whatever the depth', async () => {
    for (const depth of [21, 5000]) {
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const res = await rest<Json>(api, 'POST', '/api/patients', {
        token: api.tokens.admin,
        rawBody: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('MALFORMED_JSON');
    }
    const ok = await rest<Json>(api, 'POST', '/api/departments', {
      token: api.tokens.admin,
      body: { name: 'Nested OK' },
    });
    expect(ok.status).toBe(201);
  });

  it('keeps prototype-poisoning protection of the default JSON parser', async () => {
    const res = await rest<Json>(api, 'POST', '/api/departments', {
      token: api.tokens.admin,
      rawBody: '{"name":"x","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('counts depth outside strings only', () => {
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[[","b":[[1]]}')).toBe(3);
  });
});
