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
import { BENCH_DATASETS, BENCH_SERVER_URL, type Dataset, prepareDataset, resetWrites } from './dataset.js';
import { type LoadResult, load, login } from './http/load.js';
import { TRANSPORTS, type Transport } from './http/paths.js';
import { type OpenApi, type Route, requestOf, routesOf, samplesOf } from './http/routes.js';
import { startApi, startBare } from './http/servers.js';
import { fmt, median } from './measure.js';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_ROUTE_SECONDS ?? (QUICK ? 1 : 2));
const DEPTH = 10_000;
const CONNECTIONS = 32;
const ROUNDS = QUICK ? 1 : 3;
const ROUND_SECONDS = QUICK ? 1 : 2;
const SLOW_ROUND_SECONDS = QUICK ? 2 : 8;
const here = dirname(fileURLToPath(import.meta.url));
const docsDir = join(here, '..', '..', 'docs');

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

interface Throughput {
  route: string;
  /** Median req/s per transport, and each transport's median ratio to the baseline of the same round. */
  perSecond: Record<Transport, number>;
  trpcRatio: number;
  restRatio: number;
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
      const warmups = [];
      for (const t of TRANSPORTS) warmups.push(await run(t, 1));
      // A heavy route (tens of answers a second) gets rounds long enough for ~64 answers each, at
      // most SLOW_ROUND_SECONDS: a 2 s round at 32 connections would count a handful.
      const slowest = Math.min(...warmups.map((w) => w.perSecond));
      const roundSeconds = Math.min(SLOW_ROUND_SECONDS, Math.max(ROUND_SECONDS, Math.ceil(64 / slowest)));
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of TRANSPORTS.map((_, k) => TRANSPORTS[(k + round) % TRANSPORTS.length] as Transport)) {
          const result = await run(t, roundSeconds);
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
  `Every GET route of /openapi.json (${rows.filter((r) => r.page === 'first').length} routes; the board's event stream is the front-desk benchmark's), admin token, one connection,`,
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
  `patients, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per transport in rotating order (up to ${SLOW_ROUND_SECONDS} s for routes that`,
  `answer tens a second, so that a round counts ~64 answers), medians; targets`,
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
