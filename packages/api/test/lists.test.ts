import { EXACT_TOTAL_LIMIT, MAX_OFFSET } from '@meditrack/contract';
import { ensureAuditPartitions } from '@meditrack/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, fixtures } from './fixtures.js';
import { rest, startTestApi, type TestApi, trpcClient } from './harness.js';

/**
 * Every list, through real HTTP on the suite's engine: keyset pages (`cursor` / `nextCursor`) in
 * every sort order and direction give exactly the records offset pages give, ties included, on
 * REST and tRPC; offsets are bounded; totals say whether they are exact; list items are the answers
 * of the records' own GET (one mapping per resource); the audit trail is partitioned by month.
 */

// biome-ignore lint/suspicious/noExplicitAny: response bodies are explored freely in assertions
type Json = Record<string, any>;

let api: TestApi;
let fx: Fixtures;
let patientId: string;
beforeAll(async () => {
  api = await startTestApi();
  fx = fixtures(api);
  // Ties in every patient sort: the same name, birth date and (nearly) creation time.
  for (let i = 0; i < 12; i++) {
    const p = await fx.patient({ name: 'Sari', surname: 'Tie', dateOfBirth: '1990-01-01' });
    patientId ??= p.id;
  }
  for (let i = 0; i < 6; i++) await fx.patient({ name: `Budi ${i}`, dateOfBirth: `198${i}-05-0${i + 1}` });
  for (let i = 0; i < 9; i++) await fx.appointment(fx.ownDoctorId);
  for (let i = 0; i < 7; i++) await fx.department();
  for (let i = 0; i < 3; i++) {
    const res = await rest(api, 'POST', `/api/patients/${patientId}/medical-history`, {
      token: api.tokens.doctor,
      body: { recordedOn: `2024-03-0${i + 1}`, diagnosis: `Condition ${i}` },
    });
    expect(res.status).toBe(201);
  }
  for (let i = 0; i < 3; i++) {
    await fx.syncReady();
    const run = await rest(api, 'POST', '/api/sync-runs', { token: api.tokens.admin, body: {} });
    expect(run.status).toBe(202);
  }
  await fx.syncReady();
}, 120_000);
afterAll(async () => {
  await fx?.closeSync();
  await api?.close();
});

interface ListRoute {
  path: string;
  procedure: string;
  sorts: string[];
  /** Filters that keep the set fixed while the test walks it (reads add audit events). */
  query?: Record<string, string>;
}
const LISTS: ListRoute[] = [
  { path: '/api/patients', procedure: 'patients.list', sorts: ['name', 'mrn', 'dateOfBirth', 'createdAt'] },
  { path: '/api/appointments', procedure: 'appointments.list', sorts: ['startsAt', 'createdAt'] },
  { path: '/api/doctors', procedure: 'doctors.list', sorts: ['name', 'specialization', 'createdAt'] },
  { path: '/api/departments', procedure: 'departments.list', sorts: ['name', 'createdAt'] },
  { path: '/api/employees', procedure: 'employees.list', sorts: ['name', 'email', 'role', 'createdAt'] },
  {
    path: '/api/audit-events',
    procedure: 'audit.list',
    sorts: ['occurredAt'],
    query: { action: 'patient.create' },
  },
  { path: '/api/sync-runs', procedure: 'sync.list', sorts: ['startedAt'] },
  {
    path: '/api/patients/{patientId}/medical-history',
    procedure: 'patients.listMedicalHistory',
    sorts: ['recordedOn', 'createdAt'],
  },
];

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])),
  ).toString();

const restPath = (route: ListRoute) => route.path.replace('{patientId}', patientId);

async function restPage(route: ListRoute, params: Record<string, string | number | undefined>) {
  const res = await rest<Json>(api, 'GET', `${restPath(route)}?${qs({ ...route.query, ...params })}`, {
    token: api.tokens.admin,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Every id of a list by offset pages of 100 (the reference) and by cursor pages of `size`. */
async function walkRest(route: ListRoute, sort: string, order: string, size: number) {
  const byOffset: string[] = [];
  let total = 0;
  for (let offset = 0; offset === 0 || offset < total; offset += 100) {
    const page = await restPage(route, { sort, order, limit: 100, offset });
    total = page.total;
    expect(page.totalExact).toBe(true);
    byOffset.push(...page.items.map((i: Json) => i.id));
  }
  const byCursor: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await restPage(route, { sort, order, limit: size, cursor });
    expect(page.items.length).toBeLessThanOrEqual(size);
    byCursor.push(...page.items.map((i: Json) => i.id));
    cursor = page.nextCursor ?? undefined;
    if (cursor) expect(page.items.length).toBe(size);
    pages += 1;
    expect(pages).toBeLessThan(1000);
  } while (cursor);
  return { byOffset, byCursor, total };
}

describe('keyset pagination on every list', () => {
  for (const route of LISTS) {
    for (const sort of route.sorts) {
      for (const order of ['asc', 'desc']) {
        it(`${route.path} by ${sort} ${order}: cursor pages hold exactly the offset pages' records, in order`, async () => {
          const { byOffset, byCursor, total } = await walkRest(route, sort, order, 4);
          expect(byOffset.length).toBe(total);
          expect(total).toBeGreaterThan(0);
          expect(new Set(byCursor).size).toBe(byCursor.length);
          expect(byCursor).toEqual(byOffset);
        });
      }
    }
  }

  it('the same over tRPC, for every list procedure', async () => {
    const client = trpcClient(api, api.tokens.admin);
    for (const route of LISTS) {
      const [group, name] = route.procedure.split('.') as [string, string];
      const sort = route.sorts[0] as string;
      const input = (extra: Json) => ({
        ...route.query,
        ...(route.path.includes('{patientId}') ? { patientId } : {}),
        sort,
        order: 'desc',
        ...extra,
      });
      // biome-ignore lint/suspicious/noExplicitAny: the procedure is picked by name from the table
      const procedure = (client as any)[group][name];
      const reference: Json = await procedure.query(input({ limit: 100 }));
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page: Json = await procedure.query(input({ limit: 3, ...(cursor ? { cursor } : {}) }));
        ids.push(...page.items.map((i: Json) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(ids, route.procedure).toEqual(reference.items.map((i: Json) => i.id));
    }
  });

  it('a page names its next cursor only when more records follow', async () => {
    const all = await restPage(LISTS[0] as ListRoute, { limit: 100 });
    const last = await restPage(LISTS[0] as ListRoute, { limit: all.total });
    expect(last.nextCursor).toBeNull();
    const first = await restPage(LISTS[0] as ListRoute, { limit: all.total - 1 });
    expect(typeof first.nextCursor).toBe('string');
  });

  it('a record written between two pages does not shift the next page (no duplicates, no gaps)', async () => {
    const route = LISTS[0] as ListRoute;
    const first = await restPage(route, { sort: 'createdAt', limit: 5 });
    // Offsets would now repeat a record; the cursor goes on after the last one seen.
    const added = await fx.patient({ name: 'Late', surname: 'Arrival' });
    const seen = new Set(first.items.map((i: Json) => i.id));
    let cursor: string | undefined = first.nextCursor;
    const rest_: string[] = [];
    while (cursor) {
      const page = await restPage(route, { sort: 'createdAt', limit: 50, cursor });
      rest_.push(...page.items.map((i: Json) => i.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(rest_.filter((id) => seen.has(id))).toEqual([]);
    expect(rest_.at(-1)).toBe(added.id);
  });
});

describe('bad paging input is a 400 naming the field', () => {
  const cases: [string, string, string][] = [
    ['a cursor that is not one', 'cursor=not-a-cursor!', 'cursor'],
    ['a cursor with its text altered', 'cursor=WyJuYW1lIiwiYXNjIiwieCJd', 'cursor'],
    ['an offset beyond the bound', `offset=${MAX_OFFSET + 1}`, 'offset'],
    ['a negative limit', 'limit=-1', 'limit'],
    ['a page larger than the maximum', 'limit=101', 'limit'],
  ];
  for (const [what, query, field] of cases) {
    it(what, async () => {
      const res = await rest<Json>(api, 'GET', `/api/patients?${query}`, { token: api.tokens.admin });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.issues.map((i: Json) => i.path)).toContain(field);
    });
  }

  it('a cursor sent with another sort or order, or with an offset', async () => {
    const page = await restPage(LISTS[0] as ListRoute, { sort: 'name', limit: 2 });
    for (const query of [`sort=mrn&cursor=${page.nextCursor}`, `sort=name&order=desc&cursor=${page.nextCursor}`]) {
      const res = await rest<Json>(api, 'GET', `/api/patients?${query}`, { token: api.tokens.admin });
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: Json) => i.path)).toContain('cursor');
    }
    const both = await rest<Json>(api, 'GET', `/api/patients?sort=name&offset=2&cursor=${page.nextCursor}`, {
      token: api.tokens.admin,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.issues.map((i: Json) => i.path)).toContain('offset');
  });

  it('the same over tRPC', async () => {
    const client = trpcClient(api, api.tokens.admin);
    const error: Json = await client.patients.list.query({ cursor: 'nope' }).then(
      () => ({}),
      (e: Json) => e,
    );
    expect(error.data.httpStatus).toBe(400);
    expect(error.data.error.issues.map((i: Json) => i.path)).toContain('cursor');
  });
});

describe('one mapping per resource', () => {
  it("every list item is the record's own GET answer", async () => {
    for (const [list, get] of [
      ['/api/doctors', '/api/doctors/'],
      ['/api/departments', '/api/departments/'],
      ['/api/employees', '/api/employees/'],
      ['/api/patients?limit=5', '/api/patients/'],
      ['/api/appointments?limit=5', '/api/appointments/'],
    ] as const) {
      const page = await rest<Json>(api, 'GET', list, { token: api.tokens.admin });
      expect(page.body.items.length).toBeGreaterThan(0);
      for (const item of page.body.items) {
        const one = await rest<Json>(api, 'GET', `${get}${item.id}`, { token: api.tokens.admin });
        expect(item, list).toEqual(one.body);
      }
    }
  });
});

describe('totals', () => {
  it('are exact up to the limit, and an estimate marked as such beyond it', async () => {
    const small = await rest<Json>(api, 'GET', '/api/patients?name=sari', { token: api.tokens.admin });
    expect(small.body).toMatchObject({ total: 12, totalExact: true });

    // More patients than the exact count goes to, written straight into the database.
    await api.db.orm.em.getConnection().execute(
      `insert into patients (id, name, surname, search_name, gender, date_of_birth, national_id)
       select gen_random_uuid(), 'Bulk', 'Row ' || i, 'bulk row ' || i, 'unknown', date '1970-01-01',
              '98' || lpad(i::text, 14, '0')
         from generate_series(1, ?) i`,
      [EXACT_TOTAL_LIMIT + 50],
    );
    const big = await rest<Json>(api, 'GET', '/api/patients?limit=3', { token: api.tokens.admin });
    expect(big.status).toBe(200);
    expect(big.body.totalExact).toBe(false);
    expect(big.body.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    expect(big.body.items).toHaveLength(3);
    // Deep pages stay reachable by cursor past the offset bound.
    let cursor = big.body.nextCursor as string;
    for (let i = 0; i < 3; i++) {
      const next = await rest<Json>(api, 'GET', `/api/patients?limit=100&cursor=${cursor}`, {
        token: api.tokens.admin,
      });
      expect(next.status).toBe(200);
      expect(next.body.items).toHaveLength(100);
      cursor = next.body.nextCursor;
    }

    // A name search walks its pages alike whether it matches few patients (read through the name
    // index) or more than the exact count goes to (read in the order's index).
    const walk = async (name: string, limit: number, pages: number) => {
      const seen: Json[] = [];
      let next: string | null = null;
      for (let i = 0; i < pages; i++) {
        const query: string = `/api/patients?name=${name}&limit=${limit}${next ? `&cursor=${next}` : ''}`;
        const page = await rest<Json>(api, 'GET', query, { token: api.tokens.admin });
        expect(page.status, query).toBe(200);
        seen.push(...page.body.items);
        next = page.body.nextCursor;
        if (!next) break;
      }
      return seen;
    };
    const sari = await walk('sari', 5, 10);
    expect(sari).toHaveLength(12);
    expect(sari).toEqual(await walk('sari', 100, 1));
    const bulk = await walk('bulk', 100, 3);
    expect(bulk).toHaveLength(300);
    expect(new Set(bulk.map((p) => p.id)).size).toBe(300);
    const names = bulk.map((p) => `${p.name} ${p.surname}`.toLowerCase());
    expect(names.every((n) => n.startsWith('bulk row '))).toBe(true);
    expect(names).toEqual([...names].sort());
    const nobody = await rest<Json>(api, 'GET', '/api/patients?name=zzzq', { token: api.tokens.admin });
    expect(nobody.body).toMatchObject({ items: [], total: 0, totalExact: true, nextCursor: null });
  }, 60_000);
});

describe('the audit trail, partitioned by month', () => {
  const sql = <T>(text: string, params: unknown[] = []) => api.db.orm.em.getConnection().execute<T[]>(text, params);

  it('is a partitioned table with this month and three ahead', async () => {
    const [table] = await sql<{ relkind: string }>(`select relkind from pg_class where relname = 'audit_events'`);
    expect(table?.relkind).toBe('p');
    const partitions = await sql<{ name: string }>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_events'::regclass order by 1`,
    );
    const names = partitions.map((p) => p.name);
    const month = (ahead: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + ahead);
      return `audit_events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    expect(names).toEqual(expect.arrayContaining(['audit_events_default', month(0), month(3)]));
  });

  it("an event lands in its month's partition, and one far outside every month in the default", async () => {
    const now = await rest<Json>(api, 'GET', `/api/patients/${patientId}`, {
      token: api.tokens.admin,
      headers: { 'x-request-id': 'partition-now' },
    });
    expect(now.status).toBe(200);
    api.clock.set('2041-06-01T03:00:00Z');
    const later = await rest<Json>(api, 'GET', `/api/patients/${patientId}`, {
      token: api.tokens.admin,
      headers: { 'x-request-id': 'partition-2041' },
    });
    api.clock.reset();
    expect(later.status).toBe(200);
    const rows = await sql<{ request_id: string; partition: string }>(
      `select request_id, tableoid::regclass::text as partition from audit_events
        where request_id in ('partition-now', 'partition-2041') order by occurred_at`,
    );
    expect(rows.map((r) => r.partition)).toEqual([
      expect.stringMatching(/^audit_events_\d{4}_\d{2}$/),
      'audit_events_default',
    ]);
    // Both are read back through the API like any other.
    const listed = await rest<Json>(api, 'GET', '/api/audit-events?requestId=partition-2041', {
      token: api.tokens.admin,
    });
    expect(listed.body.items).toHaveLength(1);

    // Upkeep never fails on a month whose events sit in the default partition: it leaves that month out.
    const [created] = await sql<{ created: number }>(
      `select audit_events_ensure_partitions('2041-05-01T00:00:00Z', '2041-07-01T00:00:00Z') as created`,
    );
    expect(Number(created?.created)).toBe(2);
    const [stillDefault] = await sql<{ partition: string }>(
      `select tableoid::regclass::text as partition from audit_events where request_id = 'partition-2041'`,
    );
    expect(stillDefault?.partition).toBe('audit_events_default');
  });

  it('upkeep is idempotent', async () => {
    await ensureAuditPartitions(api.db.orm.em.fork());
    expect(await ensureAuditPartitions(api.db.orm.em.fork())).toBe(0);
  });

  it('stays append-only through its partitions', async () => {
    await expect(sql(`update audit_events set action = 'x' where request_id = 'partition-now'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(`delete from audit_events_default`)).rejects.toThrow(/append-only/);
  });
});
