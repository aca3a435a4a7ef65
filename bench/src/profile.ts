/**
 * Where the API's time goes: `pnpm --filter @meditrack/bench profile [operation] [trpc|rest]`
 * starts the API with `--cpu-prof`, puts one operation under load for 20 s, stops it and
 * prints the self time by package and the top functions. Uses the benchmark's dataset
 * (BENCH_PROFILE_DATASET, default meditrack_bench_1m; seeded first if it does not exist yet).
 * The operation: see `chosenOperation` (default: read path 0).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset } from './dataset.js';
import { chosenOperation } from './http/chosen.js';
import { load, login } from './http/load.js';
import type { Transport } from './http/paths.js';
import { startApi } from './http/servers.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds of the monotonic clock (as process.hrtime), like each sample's time. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
/** The load's start and end on the monotonic clock, in microseconds: only samples in it count. */
type Window = { from: number; to: number };
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

const chosen = process.argv[2] ?? '0';
const transport = (process.argv[3] ?? 'trpc') as Transport;
const datasetName = (process.env.BENCH_PROFILE_DATASET ?? 'meditrack_bench_1m') as keyof typeof BENCH_DATASETS;
const size = BENCH_DATASETS[datasetName];
if (!size) throw new Error(`BENCH_PROFILE_DATASET must be one of ${Object.keys(BENCH_DATASETS).join(', ')}`);

async function record(): Promise<{ file: string; window: Window }> {
  const dataset = await prepareDataset(BENCH_SERVER_URL, datasetName, size);
  const dir = mkdtempSync(join(tmpdir(), 'meditrack-profile-'));
  const api = await startApi(dataset, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
  const { operation, prepared } = await chosenOperation(chosen, dataset, api.url, 20_000);
  const token = operation.token ?? (await login(api.url, dataset.adminEmail, dataset.adminPassword));
  const from = nowMicros();
  const result = await load({
    url: api.url,
    token,
    connections: 32,
    // A change of records: as many requests as records were prepared.
    bound: prepared ? { requests: prepared } : { seconds: 20 },
    request: (i) => operation.request(transport, i),
  });
  const window = { from, to: nowMicros() };
  console.log(
    `${operation.name} over ${transport}: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
  );
  await api.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  return { file: join(dir, file), window };
}

// BENCH_PROFILE_FILE: analyse a profile recorded earlier (all of it) instead of recording one.
const given = process.env.BENCH_PROFILE_FILE;
const { file, window } = given ? { file: given, window: { from: 0, to: Infinity } } : await record();
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const selfTime = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, k) => {
  const delta = profile.timeDeltas[k] ?? 0;
  at += delta;
  // Start-up, the preparation of records and the shutdown are not the operation's.
  if (at < window.from || at > window.to) return;
  selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

/** node_modules/.pnpm/<pkg>@<v>/node_modules/<name>/... -> <name>; our packages by folder; node: internals. */
const packageOf = (url: string) => {
  if (!url) return '(native / idle / gc)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (m) return m[1] as string;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /(packages|apps)\/([^/]+)\//.exec(url);
  return ours ? `@meditrack/${ours[2]}` : url;
};
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const t = selfTime.get(node.id) ?? 0;
  if (!t) continue;
  const pkg = packageOf(node.callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
}
const top = (m: Map<string, number>, n: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
// Inclusive time of our own functions and of the library entry points they call: where a request's time goes.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
for (const [id, t] of selfTime) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = nodeById.get(at)?.callFrame;
    if (!frame || !/packages\/(api|domain|contract)\//.test(frame.url)) continue;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
console.log(`inclusive time in our code:\n${top(inclusive, 30)}\n`);
console.log(
  `self time by package:\n${top(byPackage, 15)}\n\ntop functions:\n${top(byFunction, 30)}\n\nprofile: ${file}`,
);
