/**
 * Latency against concurrency: `pnpm --filter @meditrack/bench concurrency [trpc|rest]` puts each read
 * path on the API and on the bare baseline at 8, 16 and 32 connections (BENCH_CONCURRENCY), rounds
 * alternating between the two servers, and prints req/s and p50/p99 (medians of BENCH_CONCURRENCY_ROUNDS
 * rounds of 4 s). It shows what the p99 target at 32 connections asks of the whole machine: once it
 * is saturated, throughput stays flat as connections grow, so by Little's law latency grows with them.
 */
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset } from './dataset.js';
import { type LoadResult, load, login } from './http/load.js';
import { loadSamples, readOperations, type Transport } from './http/paths.js';
import { type RunningServer, startApi, startBare } from './http/servers.js';
import { alternatingRounds, fmt, median } from './measure.js';

const transport = (process.argv[2] ?? 'rest') as Transport;
if (transport !== 'trpc' && transport !== 'rest') throw new Error('transport must be trpc or rest');
const levels = (process.env.BENCH_CONCURRENCY ?? '8,16,32').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_CONCURRENCY_ROUNDS ?? 3);
const ROUND_SECONDS = 4;

const dataset = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_1m', BENCH_DATASETS.meditrack_bench_1m);
const [api, bare] = await Promise.all([startApi(dataset), startBare(dataset)]);
try {
  const token = await login(api.url, dataset.adminEmail, dataset.adminPassword);
  const operations = readOperations(dataset, await loadSamples(dataset));
  const servers: [Transport, RunningServer][] = [
    [transport, api],
    ['bare', bare],
  ];
  console.log(`| path | connections | API (${transport}) req/s (p50 / p99 ms) | bare req/s (p50 / p99 ms) |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const operation of operations) {
    for (const connections of levels) {
      const run = (t: Transport, server: RunningServer, seconds: number) =>
        load({ url: server.url, token, connections, bound: { seconds }, request: (i) => operation.request(t, i) });
      for (const [t, server] of servers) await run(t, server, 2);
      const results = await alternatingRounds(
        ROUNDS,
        servers.map(
          ([t, server]) =>
            () =>
              run(t, server, ROUND_SECONDS),
        ),
      );
      const cell = (rs: LoadResult[]) =>
        `${fmt(median(rs.map((r) => r.perSecond)), 0)} (${median(rs.map((r) => r.p50))} / ${median(rs.map((r) => r.p99))})`;
      console.log(`| ${operation.name} | ${connections} | ${cell(results[0] ?? [])} | ${cell(results[1] ?? [])} |`);
    }
  }
} finally {
  await Promise.all([api.stop(), bare.stop()]);
}
