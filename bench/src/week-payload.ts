/**
 * What the doctor's-week p99 target asks of this machine: `pnpm --filter @meditrack/bench week-payload`
 * puts the calendar read at 32 connections (BENCH_WEEK_CONNECTIONS) on the bare baseline with the
 * week's answer as served (140 appointments x 18 fields, ~70 KB), with a lighter item (7 fields: no
 * clinical fields or audit timestamps, ~33 KB; the baseline's `?fields=calendar`, which the API does not
 * have) and with one day (20 appointments), and the API (REST) with the week and the day. Rounds
 * alternate over all five (BENCH_WEEK_ROUNDS, default 3, of 4 s); medians of req/s and p50/p99.
 */
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset } from './dataset.js';
import { type HttpRequest, type LoadResult, load, login } from './http/load.js';
import { loadSamples } from './http/paths.js';
import { type RunningServer, startApi, startBare } from './http/servers.js';
import { alternatingRounds, fmt, median } from './measure.js';

const CONNECTIONS = Number(process.env.BENCH_WEEK_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_WEEK_ROUNDS ?? 3);
const ROUND_SECONDS = 4;

const dataset = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_1m', BENCH_DATASETS.meditrack_bench_1m);
const [api, bare] = await Promise.all([startApi(dataset), startBare(dataset)]);
try {
  const token = await login(api.url, dataset.adminEmail, dataset.adminPassword);
  const { doctorIds } = await loadSamples(dataset);
  const day = (offset: number) => new Date(dataset.week.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const calendar =
    (prefix: string, to: string, extra = '') =>
    (i: number): HttpRequest => ({
      method: 'GET',
      path: `${prefix}/doctors/${doctorIds[i % doctorIds.length]}/appointments?from=${day(0)}&to=${to}${extra}`,
    });
  const variants: [string, RunningServer, (i: number) => HttpRequest][] = [
    ['bare, week, 18 fields (as served)', bare, calendar('', day(6))],
    ['bare, week, 7 fields', bare, calendar('', day(6), '&fields=calendar')],
    ['bare, one day, 18 fields', bare, calendar('', day(0))],
    ['API (REST), week', api, calendar('/api', day(6))],
    ['API (REST), one day', api, calendar('/api', day(0))],
  ];
  const run = (server: RunningServer, request: (i: number) => HttpRequest, seconds: number) =>
    load({ url: server.url, token, connections: CONNECTIONS, bound: { seconds }, request });
  const sizes: number[] = [];
  for (const [, server, request] of variants) {
    const first = request(0);
    const res = await fetch(`${server.url}${first.path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${first.path}: ${res.status}`);
    // The first doctor's answer: every doctor's week has the same seeded appointments (a benchmark's bookings may add a few).
    sizes.push(Buffer.byteLength(await res.text()));
    await run(server, request, 2);
  }
  const results = await alternatingRounds(
    ROUNDS,
    variants.map(
      ([, server, request]) =>
        () =>
          run(server, request, ROUND_SECONDS),
    ),
  );
  console.log(`| answer (${CONNECTIONS} connections) | bytes | req/s | p50 ms | p99 ms |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  variants.forEach(([name], k) => {
    const rs: LoadResult[] = results[k] ?? [];
    const bad = rs.reduce((n, r) => n + r.errors + r.requests - (r.statuses['200'] ?? 0), 0);
    if (bad) throw new Error(`${name}: ${bad} requests failed or not 200`);
    console.log(
      `| ${name} | ${fmt(sizes[k] ?? 0, 0)} | ${fmt(median(rs.map((r) => r.perSecond)), 0)} | ${median(rs.map((r) => r.p50))} | ${median(rs.map((r) => r.p99))} |`,
    );
  });
} finally {
  await Promise.all([api.stop(), bare.stop()]);
}
