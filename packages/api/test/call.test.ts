import { TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../src/auth/session-cache.js';
import { loadApiConfig } from '../src/config.js';
import { callProcedure, createCaller } from '../src/trpc/call.js';
import type { Context } from '../src/trpc/context.js';
import { type Fixtures, fixtures } from './fixtures.js';
import { startTestApi, type TestApi } from './harness.js';

let api: TestApi;
let fx: Fixtures;
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
});
afterAll(async () => {
  await api?.close();
});

/** A request's context as contextFactory builds it, for a caller without HTTP. */
function contextOf(token: Context['token']): Context {
  const config = loadApiConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-that-is-long-enough-0123456789' });
  return {
    em: api.db.orm.em.fork(),
    services: {
      orm: api.db.orm,
      config,
      sessionCache: new SessionCache({ maxEntries: 10, maxAgeMs: 60_000 }),
    } as Context['services'],
    requestId: 'call-test',
    token,
    ifMatchVersion: undefined,
    req: { headers: {}, ip: '127.0.0.1' } as FastifyRequest,
    res: {} as FastifyReply,
  };
}

const as = (role: 'admin' | 'staff') => ({ claims: { sub: api.users[role].id, role, iatMs: Date.now() } });

/** The outcome of a call as comparable data: the result, or the error's code, message and cause. */
async function outcome(call: () => Promise<unknown>) {
  try {
    return { data: await call() };
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    const e = error as TRPCError;
    return { code: e.code, message: e.message, cause: e.cause && JSON.parse(JSON.stringify(e.cause)) };
  }
}

/** Calls `path` through our caller and through tRPC's own, each with a fresh context. */
async function both(token: Context['token'], path: string, input: unknown) {
  const ours = await outcome(() => callProcedure(contextOf(token), path, input));
  let at: unknown = createCaller(contextOf(token));
  for (const segment of path.split('.')) at = (at as Record<string, unknown>)[segment];
  const theirs = await outcome(() => (at as (i: unknown) => Promise<unknown>)(input));
  return { ours, theirs };
}

describe('callProcedure (the HTTP routes) and tRPC’s server-side caller', () => {
  it('agree on results, input errors, missing and refused sessions, missing permissions and domain errors', async () => {
    const patient = await fx.patient();
    const cases: [Context['token'], string, unknown][] = [
      [as('admin'), 'patients.get', { id: patient.id }],
      [as('admin'), 'patients.list', { nationalId: patient.nationalId }],
      [as('admin'), 'patients.list', { limit: 'many' }],
      [as('admin'), 'patients.get', { id: '00000000-0000-7000-8000-000000000000' }],
      [as('staff'), 'patients.list', {}],
      [{ error: 'expired' }, 'patients.list', {}],
      [{ claims: { sub: '00000000-0000-7000-8000-000000000001', role: 'admin' } }, 'patients.list', {}],
      [as('admin'), 'departments.list', {}],
    ];
    const seen = new Set<string>();
    for (const [token, path, input] of cases) {
      const { ours, theirs } = await both(token, path, input);
      expect(ours, `${path} ${JSON.stringify(input)}`).toEqual(theirs);
      seen.add('data' in ours ? 'data' : String(ours.code));
    }
    // The cases cover every kind of outcome named in the title.
    expect([...seen].sort()).toEqual(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED', 'data']);
  });

  it('answers an unknown path NOT_FOUND, as tRPC’s caller does', async () => {
    await expect(callProcedure(contextOf(as('admin')), 'patients.nope', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
