/**
 * API benchmark (`pnpm bench`): the real API against a bare Fastify + pg baseline running the same
 * SQL, on PostgreSQL with 1M patients, 200 doctors and 2M appointments, load from this process
 * (autocannon) over loopback. Everything compared is measured side by side in one run, in rotating
 * order, and reported as ratios next to the absolute figures. Writes docs/benchmarks.md's API
 * section, docs/benchmarks/*.svg and docs/benchmarks/api-results.json.
 *
 * Env: BENCH_DATABASE_URL (a server URL; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_QUICK=1 (a smoke run: small datasets, short rounds; does not write docs).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset, prepareWriteTargets, resetWrites } from './dataset.js';
import { type LoadResult, load, login } from './http/load.js';
import {
  broadNameSearch,
  changeOperations,
  loadSamples,
  type Operation,
  readOperations,
  TRANSPORTS,
  type Transport,
  writeOperations,
} from './http/paths.js';
import { type OpenApi, requestOf, routesOf, samplesOf } from './http/routes.js';
import { type RunningServer, startApi, startBare } from './http/servers.js';
import { fmt, median } from './measure.js';
import { groupedBars, line } from './report/svg.js';

const QUICK = process.env.BENCH_QUICK === '1';
const CONNECTIONS = 32;
// Many short rounds: drifts of the shared machine (seconds to minutes) hit all transports alike.
const ROUNDS = QUICK ? 1 : 5;
const ROUND_SECONDS = 2;
const WARMUP_SECONDS = 1;
const CONTENDED_REQUESTS = QUICK ? 200 : 500;
/**
 * Requests per round of each write that changes a prepared record (one record a request): enough for
 * a round of about 2 s, as the timed rounds, so the 32 connections' ramp and tail weigh little.
 */
const CHANGE_REQUESTS = QUICK ? 200 : 600;
const GROWTH_SECONDS = QUICK ? 1 : 3;
/** Growth rounds per dataset, the first a warm-up. */
const GROWTH_ROUNDS = QUICK ? 2 : 4;
const MEMORY_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? (QUICK ? 10 : 600));
/** The memory phase's fresh API process first serves this long of the same load, unmeasured. */
const MEMORY_WARMUP_SECONDS = QUICK ? 5 : 90;
/**
 * RSS over the memory phase's measured load may grow by at most this share: the trend (a least-squares
 * line through the samples, its end over its start), as V8's collection cycle swings RSS within it.
 */
const RSS_GROWTH_TARGET = 0.1;
/** BENCH_PHASES=reads,writes (say) runs only those, for working on one of them; docs are then left alone. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'reads,writes,growth,memory').split(','));
const ALL_PHASES = ['reads', 'writes', 'growth', 'memory'].every((p) => PHASES.has(p));

const here = dirname(fileURLToPath(import.meta.url));
const docsDir = join(here, '..', '..', 'docs');
const rotate = <T>(xs: T[], by: number) => xs.map((_, k) => xs[(k + by) % xs.length] as T);

/**
 * A transport's rounds: medians of the rates and latencies, sums of the statuses and errors, and
 * its ratio to the baseline: the median of the rounds' ratios, each from runs seconds apart.
 */
type Summary = Omit<LoadResult, 'requests' | 'seconds'> & {
  ratioToBare: number;
  /** Each round's req/s, in round order: shows warm-up and drift that the medians hide. */
  rounds: number[];
};
function summarise(runs: LoadResult[], bare: LoadResult[] = []): Summary {
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    meanMs: median(runs.map((r) => r.meanMs)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    statuses,
    errors: runs.reduce((a, r) => a + r.errors, 0),
    ratioToBare: median(runs.map((r, k) => r.perSecond / (bare[k]?.perSecond ?? Number.NaN))),
    rounds: runs.map((r) => Math.round(r.perSecond)),
  };
}

/**
 * A comparison holds only when every answer was the one meant (a 401 or a 500 is cheap to send):
 * the run stops at the first operation whose answers on any server had another status or failed.
 */
function refuseFailedAnswers(operation: Operation, byTransport: Record<Transport, Summary>) {
  // tRPC answers a successful mutation 200 (REST's 201 is the OpenAPI mapping's).
  const allowed = (t: Transport) =>
    (operation.statuses ?? ['200']).map((s) => (t === 'trpc' && s === '201' ? '200' : s));
  const failed = TRANSPORTS.filter(
    (t) => byTransport[t].errors > 0 || Object.keys(byTransport[t].statuses).some((s) => !allowed(t).includes(s)),
  );
  if (failed.length === 0) return;
  const detail = failed
    .map((t) => `${t}: ${JSON.stringify(byTransport[t].statuses)}, ${byTransport[t].errors} errors`)
    .join('; ');
  throw new Error(`${operation.name}: answers other than expected (${detail})`);
}

interface Side {
  api: RunningServer;
  bare: RunningServer;
  token: string;
}
const targetOf = (side: Side, t: Transport) => (t === 'bare' ? side.bare : side.api);

/** Each operation: a warm-up per transport, then ROUNDS rounds in rotating transport order. */
async function compare(side: Side, operations: Operation[], bound: () => { seconds: number } | { requests: number }) {
  const results: { operation: Operation; byTransport: Record<Transport, Summary> }[] = [];
  for (const operation of operations) {
    const runs: Record<Transport, LoadResult[]> = { trpc: [], rest: [], bare: [] };
    const warmup = 'seconds' in bound() ? { seconds: WARMUP_SECONDS } : bound();
    for (const t of TRANSPORTS) {
      await load({
        url: targetOf(side, t).url,
        token: operation.token ?? side.token,
        connections: CONNECTIONS,
        bound: warmup,
        request: (i) => operation.request(t, i),
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of rotate(TRANSPORTS, round)) {
        runs[t].push(
          await load({
            url: targetOf(side, t).url,
            token: operation.token ?? side.token,
            connections: CONNECTIONS,
            bound: bound(),
            request: (i) => operation.request(t, i),
          }),
        );
      }
    }
    const byTransport = {
      trpc: summarise(runs.trpc, runs.bare),
      rest: summarise(runs.rest, runs.bare),
      bare: summarise(runs.bare, runs.bare),
    };
    results.push({ operation, byTransport });
    console.log(
      `  ${operation.name}: ` +
        TRANSPORTS.map(
          (t) => `${t} ${fmt(byTransport[t].perSecond, 0)}/s p50 ${byTransport[t].p50} p99 ${byTransport[t].p99}`,
        ).join(' | ') +
        ` | trpc/bare ${fmt(byTransport.trpc.ratioToBare, 2)} rest/bare ${fmt(byTransport.rest.ratioToBare, 2)}\n` +
        TRANSPORTS.map((t) => `    ${t} by round: ${byTransport[t].rounds.join(' ')}`).join('\n'),
    );
    refuseFailedAnswers(operation, byTransport);
  }
  return results;
}

async function main() {
  const started = Date.now();
  console.log(`datasets on ${new URL(BENCH_SERVER_URL).host} (reused when already seeded) ...`);
  const big = await prepareDataset(
    BENCH_SERVER_URL,
    QUICK ? 'meditrack_bench_quick_big' : 'meditrack_bench_1m',
    QUICK
      ? { patients: 100_000, doctors: 200, appointmentsPerDoctor: 1000, auditEvents: 1_000_000 }
      : BENCH_DATASETS.meditrack_bench_1m,
  );
  const small = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_10k', BENCH_DATASETS.meditrack_bench_10k);
  await resetWrites(big);
  await resetWrites(small);

  const side: Side = { api: await startApi(big), bare: await startBare(big), token: '' };
  side.token = await login(side.api.url, big.adminEmail, big.adminPassword);
  const smallApi = await startApi(small);
  const smallToken = await login(smallApi.url, small.adminEmail, small.adminPassword);
  const samples = await loadSamples(big);
  const smallSamples = await loadSamples(small);

  console.log(`reads: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s per transport`);
  const reads = PHASES.has('reads')
    ? await compare(side, readOperations(big, samples), () => ({ seconds: ROUND_SECONDS }))
    : [];

  console.log('writes');
  const [create, uncontended, contended] = writeOperations(samples) as [Operation, Operation, Operation];
  let writes: Awaited<ReturnType<typeof compare>> = [];
  if (PHASES.has('writes')) {
    // A record for every request: the warm-up and each round of each transport.
    const targets = await prepareWriteTargets(big, TRANSPORTS.length * (ROUNDS + 1) * CHANGE_REQUESTS);
    const doctorToken = await login(side.api.url, targets.completingDoctorEmail, big.adminPassword);
    writes = [
      ...(await compare(side, [create, uncontended], () => ({ seconds: ROUND_SECONDS }))),
      ...(await compare(side, [contended], () => ({ requests: CONTENDED_REQUESTS }))),
      ...(await compare(side, changeOperations(targets, doctorToken), () => ({ requests: CHANGE_REQUESTS }))),
    ];
  }

  console.log('growth: 10k vs 1M patients, REST, 1 connection (latency without queueing)');
  const growthOps = [
    ...[1, 3].map((k) => ({
      big: readOperations(big, samples)[k] as Operation,
      small: readOperations(small, smallSamples)[k] as Operation,
    })),
    { big: broadNameSearch(samples), small: broadNameSearch(smallSamples) },
  ];
  const growth = [];
  for (const op of PHASES.has('growth') ? growthOps : []) {
    const runs: { small: LoadResult[]; big: LoadResult[] } = { small: [], big: [] };
    for (let round = 0; round < GROWTH_ROUNDS; round++) {
      for (const which of rotate(['small', 'big'] as const, round)) {
        const result = await load({
          url: which === 'big' ? side.api.url : smallApi.url,
          token: which === 'big' ? side.token : smallToken,
          connections: 1,
          bound: { seconds: GROWTH_SECONDS },
          request: (i) => op[which].request('rest', i),
        });
        // The first round is a warm-up.
        if (round > 0) runs[which].push(result);
      }
    }
    const s = summarise(runs.small);
    const b = summarise(runs.big);
    growth.push({ name: op.big.name, small: s, big: b, ratio: b.meanMs / s.meanMs });
    console.log(
      `  ${op.big.name}: mean 10k ${fmt(s.meanMs, 2)} ms, 1M ${fmt(b.meanMs, 2)} ms, ratio ${fmt(b.meanMs / s.meanMs, 2)}`,
    );
  }
  await smallApi.stop();

  // Not selected: one second, so the results keep their shape (a partial run writes no docs).
  const memorySeconds = PHASES.has('memory') ? MEMORY_SECONDS : 1;
  console.log(
    `memory: ${memorySeconds} s of mixed load (every GET route over tRPC and REST, patient creation, booking)${PHASES.has('memory') ? '' : ', phase not selected'}`,
  );
  const doc = (await (await fetch(`${side.api.url}/openapi.json`)).json()) as OpenApi;
  const routes = routesOf(doc, await samplesOf(big));
  const mixed: Operation['request'][] = [
    ...routes.map((route) => (t: Transport, k: number) => requestOf(route, t, k)),
    create.request,
    uncontended.request,
  ];
  // Each operation in turn, every other pass over tRPC.
  const mixedRequest = (i: number) => {
    const pass = Math.floor(i / mixed.length);
    return (mixed[i % mixed.length] as Operation['request'])(pass % 2 === 0 ? 'trpc' : 'rest', pass);
  };
  // A fresh API process: the heap the earlier phases grew (and the moment V8 collects it) is not this load's.
  await side.api.stop();
  const memoryApi = await startApi(big);
  const memoryToken = await login(memoryApi.url, big.adminEmail, big.adminPassword);
  const rssAtStart = memoryApi.rssMb();
  const loadMixed = (seconds: number) =>
    load({
      url: memoryApi.url,
      token: memoryToken,
      connections: CONNECTIONS,
      bound: { seconds },
      request: mixedRequest,
    });
  const warmup = await loadMixed(memorySeconds === 1 ? 1 : MEMORY_WARMUP_SECONDS);
  const rss: { x: number; y: number }[] = [{ x: 0, y: memoryApi.rssMb() }];
  const t0 = performance.now();
  const sampler = setInterval(() => rss.push({ x: (performance.now() - t0) / 1000, y: memoryApi.rssMb() }), 5000);
  const sustained = await loadMixed(memorySeconds);
  clearInterval(sampler);
  rss.push({ x: (performance.now() - t0) / 1000, y: memoryApi.rssMb() });
  for (const run of [warmup, sustained]) {
    const unexpected = Object.keys(run.statuses).filter((status) => status !== '200' && status !== '201');
    if (unexpected.length || run.errors) {
      throw new Error(`memory: answers other than expected (${JSON.stringify(run.statuses)}, ${run.errors} errors)`);
    }
  }
  const afterWarmup = rss[0]?.y ?? Number.NaN;
  const memory = {
    seconds: memorySeconds,
    warmupSeconds: MEMORY_WARMUP_SECONDS,
    requests: sustained.requests,
    perSecond: sustained.perSecond,
    statuses: sustained.statuses,
    rssAtStart,
    rssAfterWarmup: afterWarmup,
    rssAtEnd: rss.at(-1)?.y ?? Number.NaN,
    rssMax: Math.max(...rss.map((p) => p.y)),
    rssMin: Math.min(...rss.map((p) => p.y)),
    /** The largest RSS of the measured load over the RSS when it began, less one (depends on V8's cycle). */
    growthAfterWarmup: Math.max(...rss.map((p) => p.y)) / afterWarmup - 1,
    trend: trendOf(rss),
    routes: routes.length,
    samples: rss,
  };
  console.log(
    `  ${sustained.requests} requests; RSS MB: fresh process ${fmt(rssAtStart)}, after warm-up ${fmt(afterWarmup)}, end ${fmt(memory.rssAtEnd)}, min ${fmt(memory.rssMin)}, max ${fmt(memory.rssMax)}; trend ${fmt(memory.trend.startMb)} -> ${fmt(memory.trend.endMb)} (${fmt(100 * memory.trend.growth, 1)}%)`,
  );

  await memoryApi.stop();
  await side.bare.stop();

  const results = {
    date: new Date().toISOString(),
    minutes: (Date.now() - started) / 60_000,
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGb: os.totalmem() / 2 ** 30,
      node: process.version,
    },
    settings: {
      CONNECTIONS,
      ROUNDS,
      ROUND_SECONDS,
      WARMUP_SECONDS,
      CONTENDED_REQUESTS,
      CHANGE_REQUESTS,
      GROWTH_SECONDS,
      GROWTH_ROUNDS,
    },
    datasets: { big: big.size, small: small.size },
    reads: reads.map((r) => ({ name: r.operation.name, note: r.operation.note, ...r.byTransport })),
    writes: writes.map((r) => ({ name: r.operation.name, note: r.operation.note, ...r.byTransport })),
    growth,
    memory,
  };
  if (QUICK || !ALL_PHASES) {
    console.log('quick or partial run: docs not written');
    return;
  }
  mkdirSync(join(docsDir, 'benchmarks'), { recursive: true });
  writeFileSync(join(docsDir, 'benchmarks', 'api-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const bars = (rows: typeof results.reads, title: string, file: string) =>
    writeFileSync(
      join(docsDir, 'benchmarks', file),
      groupedBars(
        title,
        'requests per second',
        rows.map((r) => r.name),
        TRANSPORTS.map((t) => ({
          name: t === 'bare' ? 'bare Fastify + pg' : t,
          values: rows.map((r) => r[t].perSecond),
        })),
      ),
    );
  bars(results.reads, `Read paths, ${CONNECTIONS} connections, 1M patients`, 'reads.svg');
  bars(results.writes, `Write paths, ${CONNECTIONS} connections`, 'writes.svg');
  writeFileSync(
    join(docsDir, 'benchmarks', 'memory.svg'),
    line(`API resident memory under ${MEMORY_SECONDS / 60} minutes of load`, 'RSS (MB)', rss),
  );
  writeSection(renderMarkdown(results));
  console.log(`done in ${fmt(results.minutes)} min; docs/benchmarks.md updated`);
}

type Results = {
  date: string;
  minutes: number;
  machine: { cpus: number; cpu: string | undefined; memoryGb: number; node: string };
  reads: ({ name: string; note: string } & Record<Transport, Summary>)[];
  writes: ({ name: string; note: string } & Record<Transport, Summary>)[];
  growth: { name: string; small: Summary; big: Summary; ratio: number }[];
  memory: {
    seconds: number;
    warmupSeconds: number;
    requests: number;
    perSecond: number;
    statuses: Record<string, number>;
    rssAtStart: number;
    rssAfterWarmup: number;
    rssAtEnd: number;
    rssMax: number;
    rssMin: number;
    growthAfterWarmup: number;
    trend: Trend;
    routes: number;
  };
};

interface Trend {
  startMb: number;
  endMb: number;
  /** The line's end over its start, less one. */
  growth: number;
}

/** The least-squares line through RSS samples, read at the first and last sample's time. */
function trendOf(samples: { x: number; y: number }[]): Trend {
  const n = samples.length;
  const mean = (f: (p: { x: number; y: number }) => number) => samples.reduce((sum, p) => sum + f(p), 0) / n;
  const mx = mean((p) => p.x);
  const my = mean((p) => p.y);
  const slope = mean((p) => (p.x - mx) * (p.y - my)) / mean((p) => (p.x - mx) ** 2);
  const at = (x: number) => my + slope * (x - mx);
  const startMb = at(samples[0]?.x ?? 0);
  const endMb = at(samples.at(-1)?.x ?? 0);
  return { startMb, endMb, growth: endMb / startMb - 1 };
}

const statusText = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${v} x ${k}`)
    .join(', ');

/** The least share of the bare handler's req/s each transport must reach on every read path. */
const READ_RATIO_TARGET = { trpc: 0.6, rest: 0.7 } as const;
/** The same for writes, against a baseline doing the same checks and audit in one transaction. */
const WRITE_RATIO_TARGET = { trpc: 0.6, rest: 0.6 } as const;

function renderMarkdown(r: Results): string {
  const row = (x: Results['reads'][number], target: { trpc: number; rest: number }) => {
    const ratio = (t: Transport) => x[t].ratioToBare;
    const mark = (t: Transport) => (t === 'bare' ? '' : ratio(t) < target[t] ? ' ✗' : ' ✓');
    return `| ${x.name} | ${TRANSPORTS.map((t) => `${fmt(x[t].perSecond, 0)} (${x[t].p50} / ${x[t].p99})`).join(' | ')} | **${fmt(ratio('trpc'), 2)}**${mark('trpc')} | **${fmt(ratio('rest'), 2)}**${mark('rest')} |`;
  };
  const head =
    '| path | tRPC req/s (p50 / p99 ms) | REST req/s (p50 / p99 ms) | bare req/s (p50 / p99 ms) | tRPC / bare | REST / bare |\n| --- | ---: | ---: | ---: | ---: | ---: |';
  return `<!-- generated by \`pnpm bench\` (bench/src/api.ts): edits here are overwritten -->
Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${fmt(r.minutes, 0)} minutes; ${r.machine.cpus} cores (${r.machine.cpu}),
${fmt(r.machine.memoryGb, 0)} GiB, Node ${r.machine.node}, PostgreSQL on the same machine. Raw figures:
[benchmarks/api-results.json](benchmarks/api-results.json).

### Read paths (1M patients, 2M appointments; ${CONNECTIONS} connections)

Medians of ${ROUNDS} rounds of ${ROUND_SECONDS} s per transport; a ratio is the median of the rounds' ratios
(each transport's run against the baseline's run of the same round). ✓/✗: the target, at least
${READ_RATIO_TARGET.trpc.toFixed(2)} (tRPC) and ${READ_RATIO_TARGET.rest.toFixed(2)} (REST) of the bare handler's req/s.

${head}
${r.reads.map((x) => row(x, READ_RATIO_TARGET)).join('\n')}

Statuses: ${r.reads.map((x) => `${x.name}: ${TRANSPORTS.map((t) => `${t} ${statusText(x[t].statuses)}`).join('; ')}`).join('. ')}.

![read paths](benchmarks/reads.svg)

### Write paths (${CONNECTIONS} connections)

Creating and booking run ${ROUNDS} rounds of ${ROUND_SECONDS} s per transport (the contended booking
${CONTENDED_REQUESTS} requests a round); the writes that change a record ${CHANGE_REQUESTS} requests a round, each on its
own prepared record (appointments inserted before the phase in times nothing else uses, patients of
the dataset). The baseline does the same checks, locks and audit event in one transaction. ✓/✗:
the target, at least ${WRITE_RATIO_TARGET.rest.toFixed(2)} of its req/s on both transports.

${head}
${r.writes.map((x) => row(x, WRITE_RATIO_TARGET)).join('\n')}

Statuses: ${r.writes.map((x) => `${x.name}: ${TRANSPORTS.map((t) => `${t} ${statusText(x[t].statuses)}`).join('; ')}`).join('. ')}.

![write paths](benchmarks/writes.svg)

### Growth: 10k vs 1M patients (REST, 1 connection)

Mean latency from the throughput of one connection (autocannon's percentiles have 1 ms resolution).
The target (within 2x) applies to the first two rows; the broad search is there to show where cost
still grows: its total counts 100x more matching patients.

| path | 10k patients mean (p99) ms | 1M patients mean (p99) ms | ratio 1M / 10k |
| --- | ---: | ---: | ---: |
${r.growth.map((g, k) => `| ${g.name} | ${fmt(g.small.meanMs, 2)} (${g.small.p99}) | ${fmt(g.big.meanMs, 2)} (${g.big.p99}) | **${fmt(g.ratio, 2)}**${k < 2 ? (g.ratio <= 2 ? ' ✓' : ' ✗') : ''} |`).join('\n')}

### Memory: ${r.memory.seconds / 60} minutes of sustained load

Every GET route of /openapi.json (${r.memory.routes}; event streams aside), alternately over tRPC and REST, with patient creation
and booking, ${CONNECTIONS} connections, on an API process of its own: ${r.memory.warmupSeconds} s of this load as warm-up, then
${r.memory.seconds / 60} minutes measured: ${r.memory.requests} requests (${fmt(r.memory.perSecond, 0)}/s; ${statusText(r.memory.statuses)}).
API RSS: ${fmt(r.memory.rssAtStart, 0)} MB when the process was ready, ${fmt(r.memory.rssAfterWarmup, 0)} MB after the warm-up,
${fmt(r.memory.rssAtEnd, 0)} MB at the end; between ${fmt(r.memory.rssMin, 0)} and ${fmt(r.memory.rssMax, 0)} MB over the ${r.memory.seconds / 60} minutes (V8's
collection cycle; the largest ${fmt(100 * r.memory.growthAfterWarmup, 1)}% above the RSS after warm-up). Trend, the least-squares
line through the samples: ${fmt(r.memory.trend.startMb, 0)} MB at the start, ${fmt(r.memory.trend.endMb, 0)} MB at the end,
**${fmt(100 * r.memory.trend.growth, 1)}%**${Math.abs(r.memory.trend.growth) <= RSS_GROWTH_TARGET ? ' ✓' : ' ✗'} (target: within ${100 * RSS_GROWTH_TARGET}%).

![memory](benchmarks/memory.svg)
`;
}

const START = '<!-- bench:api:start -->';
const END = '<!-- bench:api:end -->';
function writeSection(markdown: string) {
  const file = join(docsDir, 'benchmarks.md');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(START);
  const to = text.indexOf(END);
  if (at < 0 || to < 0) throw new Error(`docs/benchmarks.md lacks the ${START} ... ${END} markers`);
  writeFileSync(file, `${text.slice(0, at + START.length)}\n${markdown}${text.slice(to)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
