import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from './fixtures.js';
import { nik, startTestApi, type TestApi } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = any;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ CORS_ORIGINS: 'https://frontdesk.hospital.test' });
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

  // One call (httpLink's, or a batch of one) is answered by trpc/single-call.ts, several by tRPC's
  // own handler: the same call must get the same answer from both.
  it('answers one call exactly as tRPC answers it inside a batch, for queries, mutations and errors', async () => {
    const patient = await call('patients.create?batch=1', {
      method: 'POST',
      token: api.tokens.admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        0: superjson.serialize({
          nationalId: nik(),
          name: 'Ratna',
          surname: 'Single Call',
          dateOfBirth: '1990-03-12',
        }),
      }),
    });
    expect(patient.status).toBe(200);
    const created = superjson.deserialize(patient.body[0].result.data) as { id: string; createdAt: Date };
    expect(created.createdAt).toBeInstanceOf(Date);

    const cases: { path: string; input: unknown; status: number }[] = [
      { path: 'auth.me', input: undefined, status: 200 },
      { path: 'patients.get', input: { id: created.id }, status: 200 },
      { path: 'patients.get', input: { id: 'not-a-uuid' }, status: 400 },
      { path: 'patients.get', input: { id: '00000000-0000-4000-8000-000000000000' }, status: 404 },
      { path: 'patients.list', input: { limit: 2 }, status: 200 },
    ];
    for (const c of cases) {
      const serialized = superjson.serialize(c.input);
      const single = await call(`${c.path}?batch=1&input=${input({ 0: serialized })}`, { token: api.tokens.admin });
      const unbatched = await call(`${c.path}?input=${input(serialized)}`, { token: api.tokens.admin });
      // A batch of two (the second call a cheap one) is tRPC's handler's.
      const batch = await call(`${c.path},auth.me?batch=1&input=${input({ 0: serialized })}`, {
        token: api.tokens.admin,
      });
      expect(single.status, c.path).toBe(c.status);
      expect(unbatched.status, c.path).toBe(c.status);
      expect(single.body, c.path).toHaveLength(1);
      expect(single.body[0], c.path).toEqual(batch.body[0]);
      expect(unbatched.body, c.path).toEqual(single.body[0]);
    }

    const unauthenticated = await call(`auth.me?batch=1&input=${input({ 0: superjson.serialize(undefined) })}`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body[0].error.json.data.error.code).toBe('UNAUTHENTICATED');

    const notAnObject = await call(`auth.me?batch=1&input=${input([1])}`, { token: api.tokens.admin });
    expect(notAnObject.status).toBe(400);

    const withOrigin = await call(`auth.me?batch=1&input=${input({})}`, {
      token: api.tokens.admin,
      headers: { origin: 'https://frontdesk.hospital.test' },
    });
    expect(withOrigin.status).toBe(200);
    expect(withOrigin.headers.get('access-control-allow-origin')).toBe('https://frontdesk.hospital.test');
    expect(withOrigin.headers.get('vary')).toMatch(/origin/i);
    expect(withOrigin.headers.get('vary')).toContain('trpc-accept');
    expect(withOrigin.headers.get('content-type')).toMatch(/^application\/json/);
  });

  // trpc/wire.ts writes answers without superjson's walk: what reaches the client must be the bytes
  // superjson writes for the same answer, for single calls and batches, answers and errors.
  it('puts superjson’s own bytes on the wire', async () => {
    const fx = fixtures(api);
    const department = await fx.department();
    const appointment = await fx.appointment((await fx.doctorIn(department.id)).id);
    const sameAsSuperjson = (data: Json, label: string) =>
      expect(JSON.stringify(data), label).toBe(JSON.stringify(superjson.serialize(superjson.deserialize(data))));
    const cases: [string, unknown][] = [
      ['auth.me', undefined],
      ['patients.list', { limit: 5 }],
      ['appointments.get', { id: appointment.id }],
      ['appointments.list', { limit: 5 }],
      ['departments.day', { id: department.id, date: appointment.startsAt.slice(0, 10) }],
      ['patients.get', { id: 'not-a-uuid' }],
    ];
    for (const [path, value] of cases) {
      const one = await call(`${path}?input=${input(superjson.serialize(value))}`, { token: api.tokens.admin });
      expect(one.status, path).toBe(path === 'patients.get' ? 400 : 200);
      if (one.body.result) expect(JSON.stringify(one.body.result.data.meta), path).toContain('"Date"');
      sameAsSuperjson(one.body.result?.data ?? one.body.error, path);
      const batch = await call(`${path},auth.me?batch=1&input=${input({ 0: superjson.serialize(value) })}`, {
        token: api.tokens.admin,
      });
      sameAsSuperjson(batch.body[0].result?.data ?? batch.body[0].error, `${path} in a batch`);
    }
  });
});
