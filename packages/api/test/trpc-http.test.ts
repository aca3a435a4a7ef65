import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = any;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const res = await fetch(`${api.url}/trpc/${path}`, {
    ...init,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}

/** The protocol details of /trpc that the SDK's links do not exercise on their own. */
describe('tRPC over HTTP', () => {
  it('answers a batch call by call, 207 when the statuses differ, dates through superjson', async () => {
    const batch = { 0: superjson.serialize(undefined), 1: superjson.serialize({ id: 'not-a-uuid' }) };
    const res = await call(`auth.me,patients.get?batch=1&input=${input(batch)}`, { token: api.tokens.admin });
    expect(res.status).toBe(207);
    expect(res.body).toHaveLength(2);
    const me = superjson.deserialize(res.body[0].result.data) as { user: { email: string; createdAt: Date } };
    expect(me.user.email).toBe('admin@test.local');
    expect(me.user.createdAt).toBeInstanceOf(Date);
    expect(res.body[1].error.json.data).toMatchObject({ httpStatus: 400, error: { code: 'VALIDATION_FAILED' } });
  });

  it('refuses a query by POST and a mutation by GET with 405 and Allow', async () => {
    const post = await call('auth.me', {
      method: 'POST',
      token: api.tokens.admin,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const get = await call('auth.logout', { token: api.tokens.admin });
    expect(get.status).toBe(405);
    expect(get.body.error.json.data.error.code).toBe('NOT_FOUND');
  });

  it('answers an unknown procedure 404, malformed input 400, a non-JSON mutation 415; streams for httpBatchStreamLink', async () => {
    expect((await call('patients.nope', { token: api.tokens.admin })).status).toBe(404);
    const malformed = await call('patients.list?input=%7Bnot-json', { token: api.tokens.admin });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.json.data.error.code).toBe('MALFORMED_JSON');
    const text = await call('auth.logout', {
      method: 'POST',
      token: api.tokens.admin,
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    const stream = await fetch(`${api.url}/trpc/auth.me?batch=1&input=${input({})}`, {
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'trpc-accept': 'application/jsonl' },
    });
    expect(stream.status).toBe(200);
    expect(await stream.text()).toContain('admin@test.local');
  });
});
