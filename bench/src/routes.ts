/**
 * Every GET route of the OpenAPI document (`pnpm --filter @meditrack/bench routes`): the routes come
 * from the running API's /openapi.json, so a new route is measured without touching this file (a
 * route whose parameters it cannot fill stops the run and names them). For each, at 10k and at 1M
 * patients: the mean latency on one connection (no queueing) of the first page and, for lists, of a
 * page 10,000 records deep reached by cursor (or as deep as the list goes), and the ratio 1M / 10k.
 * Writes docs/benchmarks/routes-results.json and the generated routes part of docs/benchmarks.md.
 *
 * Env: BENCH_DATABASE_URL, BENCH_QUICK=1 (1 s per measurement; docs left alone), BENCH_ROUTE_SECONDS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BENCH_DATASETS, BENCH_SERVER_URL, type Dataset, prepareDataset, resetWrites } from './dataset.js';
import { type HttpRequest, type LoadResult, load, login } from './http/load.js';
import { startApi, startBare } from './http/servers.js';
import { fmt, median } from './measure.js';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_ROUTE_SECONDS ?? (QUICK ? 1 : 3));
const DEPTH = 10_000;
const CONNECTIONS = 32;
const ROUNDS = QUICK ? 1 : 3;
const ROUND_SECONDS = QUICK ? 1 : 2;
const here = dirname(fileURLToPath(import.meta.url));
const docsDir = join(here, '..', '..', 'docs');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}
interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
}

/** Ids and days of a dataset, to fill route parameters with records that exist. */
interface Samples {
  patient: string[];
  doctor: string[];
  department: string[];
  employee: string[];
  appointment: string[];
  /** The benchmark week: its Monday and Sunday. */
  from: string;
  to: string;
}

async function samplesOf(dataset: Dataset): Promise<Samples> {
  const client = new pg.Client({ connectionString: dataset.url });
  await client.connect();
  const ids = async (sql: string) => (await client.query<{ id: string }>(sql)).rows.map((r) => r.id);
  const samples: Samples = {
    patient: await ids(`select id from patients where archived_at is null order by md5(id::text) limit 50`),
    doctor: await ids('select id from doctors order by md5(id::text) limit 50'),
    department: await ids('select id from departments order by id'),
    employee: await ids('select id from employees order by md5(id::text) limit 50'),
    appointment: await ids(
      `select id from appointments where starts_at >= '${dataset.week.toISOString()}' order by md5(id::text) limit 50`,
    ),
    from: dataset.week.toISOString().slice(0, 10),
    to: new Date(dataset.week.getTime() + 6 * 86_400_000).toISOString().slice(0, 10),
  };
  await client.end();
  return samples;
}

/** The resource a path's `{id}` names: its first segment (`/doctors/{id}/schedule` -> doctor). */
const RESOURCES: Record<string, keyof Samples> = {
  patients: 'patient',
  doctors: 'doctor',
  departments: 'department',
  employees: 'employee',
  appointments: 'appointment',
};

/** A value for each parameter a route requires, by name; k picks among the samples. */
function fill(path: string, parameter: Parameter, s: Samples, k: number): string {
  const pick = (xs: string[]) => {
    const x = xs[k % xs.length];
    if (!x) throw new Error(`no sample records for ${parameter.name} of GET ${path}`);
    return x;
  };
  switch (parameter.name) {
    case 'id': {
      const resource = RESOURCES[path.split('/')[1] ?? ''];
      if (!resource) break;
      return pick(s[resource] as string[]);
    }
    case 'patientId':
      return pick(s.patient);
    case 'doctorId':
      return pick(s.doctor);
    case 'departmentId':
      return pick(s.department);
    case 'from':
      return s.from;
    case 'to':
      return s.to;
    case 'date':
      return s.from;
  }
  throw new Error(`the routes benchmark cannot fill parameter ${parameter.name} of GET ${path}: add it to fill()`);
}

/**
 * Optional parameters a route that is not a list needs one of (availability: a department or a
 * specialization): filled when the route offers them. Lists are measured without filters.
 */
const ONE_OF = ['departmentId'];

interface Route {
  path: string;
  operationId: string;
  /** Offers keyset pages (a `cursor` parameter). */
  list: boolean;
  /** The parameters of the k-th request: path and required query parameters, and `extra`. */
  values(k: number, extra?: Record<string, string>): { path: Record<string, string>; query: Record<string, string> };
  /** The REST URL of the k-th request. */
  url(k: number, extra?: Record<string, string>): string;
}

function routesOf(doc: OpenApi, s: Samples): Route[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) => {
    const get = operations.get;
    if (!get) return [];
    const parameters = get.parameters ?? [];
    const list = parameters.some((p) => p.name === 'cursor');
    const route: Route = {
      path,
      operationId: get.operationId ?? path,
      list,
      values(k, extra = {}) {
        const values = { path: {} as Record<string, string>, query: {} as Record<string, string> };
        for (const p of parameters) {
          if (p.in === 'path') values.path[p.name] = fill(path, p, s, k);
          else if (p.in === 'query' && (p.required || (!list && ONE_OF.includes(p.name)))) {
            values.query[p.name] = fill(path, p, s, k);
          }
        }
        Object.assign(values.query, extra);
        return values;
      },
      url(k, extra = {}) {
        const values = route.values(k, extra);
        let concrete = `/api${path}`;
        for (const [name, value] of Object.entries(values.path)) concrete = concrete.replace(`{${name}}`, value);
        const text = new URLSearchParams(values.query).toString();
        return text ? `${concrete}?${text}` : concrete;
      },
    };
    route.url(0); // every parameter fillable, or the run stops here
    return [route];
  });
}

/** The cursor of the page `depth` records into a list (pages of 100), or as deep as it goes. */
async function deepCursor(base: string, url: (extra: Record<string, string>) => string, token: string) {
  let cursor: string | undefined;
  let depth = 0;
  while (depth < DEPTH) {
    const res = await fetch(`${base}${url({ limit: '100', ...(cursor ? { cursor } : {}) })}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${url({})}: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    // Keep the last page that still has a next one: measuring it reads real rows.
    if (!page.nextCursor) break;
    depth += page.items.length;
    cursor = page.nextCursor;
  }
  return { cursor, depth };
}

interface Measurement {
  route: string;
  page: 'first' | 'deep';
  depth: number;
  meanMs: number;
  statuses: Record<string, number>;
}

async function measure(dataset: Dataset): Promise<Measurement[]> {
  const samples = await samplesOf(dataset);
  const api = await startApi(dataset);
  try {
    const token = await login(api.url, dataset.adminEmail, dataset.adminPassword);
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as OpenApi;
    const routes = routesOf(doc, samples);
    const results: Measurement[] = [];
    const run = async (route: Route, page: Measurement['page'], depth: number, url: (k: number) => string) => {
      // A short warm-up, then the measured run.
      const request = (i: number) => ({ method: 'GET' as const, path: url(i) });
      await load({ url: api.url, token, connections: 1, bound: { seconds: 0.5 }, request });
      const result = await load({ url: api.url, token, connections: 1, bound: { seconds: SECONDS }, request });
      const bad = Object.keys(result.statuses).filter((s) => s !== '200');
      if (bad.length || result.errors) {
        throw new Error(
          `GET ${route.path} (${page}): answers ${JSON.stringify(result.statuses)}, ${result.errors} errors`,
        );
      }
      results.push({ route: route.path, page, depth, meanMs: result.meanMs, statuses: result.statuses });
      console.log(
        `  ${dataset.name} GET ${route.path} ${page}${page === 'deep' ? ` (${depth})` : ''}: ${fmt(result.meanMs, 2)} ms`,
      );
    };
    for (const route of routes) {
      await run(route, 'first', 0, (k) => route.url(k));
      if (!route.list) continue;
      const deep = await deepCursor(api.url, (extra) => route.url(0, extra), token);
      if (deep.cursor && deep.depth > 0) {
        const cursor = deep.cursor;
        await run(route, 'deep', deep.depth, () => route.url(0, { cursor }));
      }
    }
    return results;
  } finally {
    await api.stop();
  }
}

type Transport = 'trpc' | 'rest' | 'bare';
const TRANSPORTS: Transport[] = ['trpc', 'rest', 'bare'];

interface Throughput {
  route: string;
  /** Median req/s per transport, and each transport's median ratio to the baseline of the same round. */
  perSecond: Record<Transport, number>;
  trpcRatio: number;
  restRatio: number;
}

/** The k-th request of a route over each transport: REST, the baseline's same path, tRPC's batch of one. */
function requestOf(route: Route, transport: Transport, k: number): HttpRequest {
  if (transport === 'rest') return { method: 'GET', path: route.url(k) };
  if (transport === 'bare') return { method: 'GET', path: route.url(k).replace(/^\/api/, '') };
  const { path, query } = route.values(k);
  const input = JSON.stringify({ 0: { json: { ...path, ...query } } });
  return {
    method: 'GET',
    path: `/trpc/${route.operationId.replaceAll('-', '.')}?batch=1&input=${encodeURIComponent(input)}`,
  };
}

/**
 * Each route that the baseline serves, at 32 connections on the large dataset: tRPC, REST and the
 * baseline in rotating order, ROUNDS rounds. Routes the baseline lacks are named, not compared.
 */
async function compare(dataset: Dataset): Promise<{ compared: Throughput[]; withoutBaseline: string[] }> {
  const samples = await samplesOf(dataset);
  const api = await startApi(dataset);
  const bare = await startBare(dataset);
  try {
    const token = await login(api.url, dataset.adminEmail, dataset.adminPassword);
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as OpenApi;
    const compared: Throughput[] = [];
    const withoutBaseline: string[] = [];
    for (const route of routesOf(doc, samples)) {
      const probe = await fetch(`${bare.url}${requestOf(route, 'bare', 0).path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await probe.arrayBuffer();
      if (probe.status !== 200) {
        withoutBaseline.push(route.path);
        continue;
      }
      const runs: Record<Transport, LoadResult[]> = { trpc: [], rest: [], bare: [] };
      const run = (t: Transport, seconds: number) =>
        load({
          url: t === 'bare' ? bare.url : api.url,
          token,
          connections: CONNECTIONS,
          bound: { seconds },
          request: (i) => requestOf(route, t, i),
        });
      for (const t of TRANSPORTS) await run(t, 1);
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of TRANSPORTS.map((_, k) => TRANSPORTS[(k + round) % TRANSPORTS.length] as Transport)) {
          const result = await run(t, ROUND_SECONDS);
          const bad = Object.keys(result.statuses).filter((code) => code !== '200');
          if (bad.length || result.errors) {
            throw new Error(
              `GET ${route.path} over ${t}: answers ${JSON.stringify(result.statuses)}, ${result.errors} errors`,
            );
          }
          runs[t].push(result);
        }
      }
      const ratio = (t: Transport) =>
        median(runs[t].map((r, k) => r.perSecond / (runs.bare[k]?.perSecond ?? Number.NaN)));
      const entry: Throughput = {
        route: route.path,
        perSecond: {
          trpc: median(runs.trpc.map((r) => r.perSecond)),
          rest: median(runs.rest.map((r) => r.perSecond)),
          bare: median(runs.bare.map((r) => r.perSecond)),
        },
        trpcRatio: ratio('trpc'),
        restRatio: ratio('rest'),
      };
      compared.push(entry);
      console.log(
        `  GET ${route.path}: trpc ${fmt(entry.perSecond.trpc, 0)}/s rest ${fmt(entry.perSecond.rest, 0)}/s bare ${fmt(entry.perSecond.bare, 0)}/s | trpc/bare ${fmt(entry.trpcRatio, 2)} rest/bare ${fmt(entry.restRatio, 2)}`,
      );
    }
    return { compared, withoutBaseline };
  } finally {
    await api.stop();
    await bare.stop();
  }
}

const small = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_10k', BENCH_DATASETS.meditrack_bench_10k);
const large = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_1m', BENCH_DATASETS.meditrack_bench_1m);
console.log(`every GET route, one connection, ${SECONDS} s each`);
await resetWrites(small);
await resetWrites(large);
const atSmall = await measure(small);
const atLarge = await measure(large);
console.log(`every GET route the baseline serves, ${CONNECTIONS} connections, 1M patients`);
const { compared, withoutBaseline } = await compare(large);

const rows = atLarge.map((l) => {
  const s = atSmall.find((x) => x.route === l.route && x.page === l.page);
  return {
    ...l,
    smallMs: s?.meanMs ?? Number.NaN,
    smallDepth: s?.depth ?? 0,
    ratio: l.meanMs / (s?.meanMs ?? Number.NaN),
  };
});
const within = rows.filter((r) => r.ratio <= 2).length;
const lines = [
  `Every GET route of /openapi.json (${rows.filter((r) => r.page === 'first').length} routes), admin token, one connection,`,
  `${SECONDS} s per measurement after a 0.5 s warm-up; mean latency from throughput. "deep": the page a cursor`,
  `reaches after ${DEPTH.toLocaleString('en')} records (pages of 100), or the deepest page of a shorter list.`,
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ${within} of ${rows.length} within 2x.`,
  '',
  '| route | page | 10k patients ms (depth) | 1M patients ms (depth) | 1M / 10k |',
  '| --- | --- | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| GET ${r.route} | ${r.page} | ${fmt(r.smallMs, 2)}${r.page === 'deep' ? ` (${r.smallDepth})` : ''} | ${fmt(r.meanMs, 2)}${r.page === 'deep' ? ` (${r.depth})` : ''} | **${fmt(r.ratio, 2)}** ${r.ratio <= 2 ? '✓' : '✗'} |`,
  ),
];
const trpcMet = compared.filter((c) => c.trpcRatio >= 0.6).length;
const restMet = compared.filter((c) => c.restRatio >= 0.7).length;
lines.push(
  '',
  `Against the bare baseline (bench/src/http/bare-server.ts: the same SQL, session check, permission and audit), 1M`,
  `patients, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per transport in rotating order, medians; targets`,
  `REST >= 0.70 (${restMet} of ${compared.length} met), tRPC >= 0.60 (${trpcMet} of ${compared.length} met).`,
  '',
  '| route | tRPC req/s | REST req/s | bare req/s | tRPC / bare | REST / bare |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...compared.map(
    (c) =>
      `| GET ${c.route} | ${fmt(c.perSecond.trpc, 0)} | ${fmt(c.perSecond.rest, 0)} | ${fmt(c.perSecond.bare, 0)} | **${fmt(c.trpcRatio, 2)}** ${c.trpcRatio >= 0.6 ? '✓' : '✗'} | **${fmt(c.restRatio, 2)}** ${c.restRatio >= 0.7 ? '✓' : '✗'} |`,
  ),
  '',
  withoutBaseline.length
    ? `No baseline yet (not compared): ${withoutBaseline.map((r) => `GET ${r}`).join(', ')}.`
    : 'Every GET route has a baseline.',
);
console.log(lines.join('\n'));
if (!QUICK) {
  writeFileSync(
    join(docsDir, 'benchmarks', 'routes-results.json'),
    `${JSON.stringify({ latency: rows, throughput: compared, withoutBaseline }, null, 2)}\n`,
  );
  const file = join(docsDir, 'benchmarks.md');
  const text = readFileSync(file, 'utf8');
  const START = '<!-- bench:routes:start -->';
  const END = '<!-- bench:routes:end -->';
  const at = text.indexOf(START);
  const to = text.indexOf(END);
  if (at < 0 || to < 0) throw new Error(`docs/benchmarks.md lacks the ${START} ... ${END} markers`);
  writeFileSync(file, `${text.slice(0, at + START.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
}
