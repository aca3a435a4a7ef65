/**
 * Two builds of the API side by side, for what a change did to the API's own cost (which the ratios
 * to the baseline blur, since the database and the load generator share the machine):
 *
 *   cp -r packages/api/dist packages/api/dist-before     # inside packages/api, so its imports resolve
 *   (change, build)
 *   pnpm --filter @meditrack/bench compare-builds dist-before dist [operation] [trpc|rest]
 *
 * Both builds serve the benchmark's 1M dataset at once; rounds alternate between them (order
 * rotating), and each build's req/s and CPU time per request (from /proc) are the medians of the
 * rounds. BENCH_COMPARE_ROUNDS (default 6) rounds of 4 s after a 3 s warm-up each, over
 * BENCH_COMPARE_CONNECTIONS (default 32; 1 for latency without queueing). The operation: see
 * `chosenOperation` (default: read path 1). A build named `bare` is the baseline
 * (bench/src/http/bare-server.ts). A build may carry Node options after a `+`
 * (`dist+--max-semi-space-size=32@trpc`), for comparing a runtime setting on one build.
 */
import { join } from 'node:path';
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset } from './dataset.js';
import { chosenOperation } from './http/chosen.js';
import { load, login } from './http/load.js';
import type { Transport } from './http/paths.js';
import { startApi, startBare } from './http/servers.js';
import { alternatingRounds, fmt, median } from './measure.js';

const [before = 'dist-before', after = 'dist', chosen = '1', transport = 'rest'] = process.argv.slice(2);
const ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 6);
const ROUND_SECONDS = 4;
const CONNECTIONS = Number(process.env.BENCH_COMPARE_CONNECTIONS ?? 32);
const apiDir = join(import.meta.dirname, '..', '..', 'packages', 'api');

const dataset = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_1m', BENCH_DATASETS.meditrack_bench_1m);
// A build may name its transport (`dist@trpc`), so that one build's two transports compare side by side.
const builds = [before, after].map((spec) => {
  const [build = spec, own] = spec.split('@');
  const [dist = build, ...nodeOptions] = build.split('+');
  return {
    spec,
    dist,
    nodeOptions: nodeOptions.join(' '),
    transport: (dist === 'bare' ? 'bare' : (own ?? transport)) as Transport,
  };
});
// 'bare' as a build: the baseline, for the API's CPU per request against it.
const servers = await Promise.all(
  builds.map(({ dist, nodeOptions }) =>
    dist === 'bare'
      ? startBare(dataset)
      : startApi(dataset, nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}, join(apiDir, dist, 'main.js')),
  ),
);
try {
  const apiServer = servers[builds.findIndex(({ dist }) => dist !== 'bare')];
  if (!apiServer) throw new Error('compare-builds needs at least one build of the API');
  const { operation, prepared } = await chosenOperation(chosen, dataset, apiServer.url, 30_000);
  // A change of records: each round a share of the prepared records (the warm-up a round's share too).
  const share = prepared ? Math.floor(prepared / (servers.length * (ROUNDS + 1))) : 0;
  const token = operation.token ?? (await login(apiServer.url, dataset.adminEmail, dataset.adminPassword));
  const run = async (server: (typeof servers)[number], seconds: number) => {
    const cpuBefore = server.cpuSeconds();
    const callsBefore = server.syscalls();
    const systemBefore = server.systemCpuSeconds();
    const result = await load({
      url: server.url,
      token,
      connections: CONNECTIONS,
      bound: share ? { requests: share } : { seconds },
      request: (i) => operation.request(builds[servers.indexOf(server)]?.transport ?? 'bare', i),
    });
    const requests = result.requests;
    const calls = server.syscalls();
    return {
      perSecond: result.perSecond,
      cpuMicros: ((server.cpuSeconds() - cpuBefore) * 1e6) / requests,
      systemMicros: ((server.systemCpuSeconds() - systemBefore) * 1e6) / requests,
      // Each message to PostgreSQL and each answer is a write; reads include the polls that find nothing.
      writes: (calls.writes - callsBefore.writes) / requests,
      reads: (calls.reads - callsBefore.reads) / requests,
    };
  };
  for (const server of servers) await run(server, 3);
  const rounds = await alternatingRounds(
    ROUNDS,
    servers.map((server) => () => run(server, ROUND_SECONDS)),
  );
  console.log(
    `${operation.name} over ${transport}, ${ROUNDS} rounds of ${ROUND_SECONDS} s, ${CONNECTIONS} connections:`,
  );
  builds.forEach(({ spec }, k) => {
    const r = rounds[k] ?? [];
    console.log(
      `  ${spec}: ${fmt(median(r.map((x) => x.perSecond)), 0)} req/s (mean latency ${fmt((1000 * CONNECTIONS) / median(r.map((x) => x.perSecond)), 2)} ms), ${fmt(median(r.map((x) => x.cpuMicros)), 0)} µs of API CPU per request (${fmt(median(r.map((x) => x.systemMicros)), 0)} in the kernel), ${fmt(median(r.map((x) => x.writes)), 1)} writes and ${fmt(median(r.map((x) => x.reads)), 1)} reads (system calls)`,
    );
  });
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
