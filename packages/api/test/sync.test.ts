import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { rest, startTestApi, type TestApi } from './harness.js';

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
  await fx?.closeSync();
});

const admin = () => ({ token: api.tokens.admin });

describe('vaccination sync through the API', () => {
  it('starts a run (202), refuses a second while it runs (409), and lists runs with their figures', async () => {
    const bigQuery = await fx.syncReady();
    // Held at its first BigQuery page, the run is still in progress when the second request comes.
    const release = bigQuery.hold();
    const started = await rest<Json>(api, 'POST', '/api/sync-runs', { ...admin(), body: {} });
    const second = await rest<Json>(api, 'POST', '/api/sync-runs', { ...admin(), body: {} });
    release();
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'api', triggeredById: api.users.admin.id });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SYNC_ALREADY_RUNNING');

    await fx.syncReady();
    const runs = await rest<Json>(api, 'GET', '/api/sync-runs?order=desc&sort=startedAt', admin());
    expect(runs.body.items[0]).toMatchObject({
      id: started.body.id,
      status: 'succeeded',
      rowsRead: 2,
      unknownNationalIds: 2,
    });
  });

  it('answers 422 when this server has no sync configuration', async () => {
    await fx.syncReady();
    const saved = process.env.BIGQUERY_PROJECT_ID;
    delete process.env.BIGQUERY_PROJECT_ID;
    try {
      const res = await rest<Json>(api, 'POST', '/api/sync-runs', { ...admin(), body: {} });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toContain('BIGQUERY_PROJECT_ID');
    } finally {
      process.env.BIGQUERY_PROJECT_ID = saved;
    }
  });
});
