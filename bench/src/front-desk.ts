/**
 * The front desk's day under load: `pnpm --filter @meditrack/bench front-desk` (PostgreSQL, the
 * 10k dataset; BENCH_DATABASE_URL names another server).
 *
 * 1. Booking with a visit type's rules (length, buffer, notice, horizon, daily quota) over REST,
 *    side by side with the bare Fastify + pg baseline doing the same checks in one locked
 *    transaction (bare-server.ts, POST /appointments/with-visit-type): 5 rounds in alternating order,
 *    the median of the rounds' ratios. Target >= 0.70.
 * 2. Check-ins at a fixed 200 per second (open loop) for CHECKIN_SECONDS, each an arrival by
 *    appointment at the doctor's department (queue ticket, check-in, board event), with every
 *    department's waiting-room board stream open: the rate achieved, latencies, and how late each
 *    board event reached its screen (from the step's time to its arrival on the stream).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_DATASETS, BENCH_SERVER_URL, prepareDataset, resetWrites } from './dataset.js';
import { load, login } from './http/load.js';
import { loadSamples, writeOperations } from './http/paths.js';
import { startApi, startBare } from './http/servers.js';
import { fmt, median, percentile } from './measure.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const CONNECTIONS = 16;
const CHECKIN_RATE = Number(process.env.BENCH_CHECKIN_RATE ?? 200);
const CHECKIN_SECONDS = Number(process.env.BENCH_CHECKIN_SECONDS ?? 20);
// Open-loop pacing is per connection: enough of them that a slow answer does not hold the rate back.
const CHECKIN_CONNECTIONS = Number(process.env.BENCH_CHECKIN_CONNECTIONS ?? 100);

const dataset = await prepareDataset(BENCH_SERVER_URL, 'meditrack_bench_10k', BENCH_DATASETS.meditrack_bench_10k);
await resetWrites(dataset);
const [api, bare] = await Promise.all([startApi(dataset), startBare(dataset)]);
const token = await login(api.url, dataset.adminEmail, dataset.adminPassword);

// --- 1. booking with rules, API (REST) against the baseline, side by side.
const samples = await loadSamples(dataset);
const booking = writeOperations(samples).find((o) => o.name === 'book appointment, visit type rules');
if (!booking) throw new Error('no booking-with-rules operation');
const side = (t: 'rest' | 'bare') => () =>
  load({
    url: (t === 'bare' ? bare : api).url,
    token,
    connections: CONNECTIONS,
    bound: { seconds: ROUND_SECONDS },
    request: (i) => booking.request(t, i),
  });
await side('rest')();
await side('bare')();
const rest: Awaited<ReturnType<ReturnType<typeof side>>>[] = [];
const baseline: typeof rest = [];
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? (['rest', 'bare'] as const) : (['bare', 'rest'] as const);
  for (const t of order) (t === 'rest' ? rest : baseline).push(await side(t)());
}
for (const r of [...rest, ...baseline]) {
  if (r.errors > 0 || Object.keys(r.statuses).some((s) => s !== '201')) {
    throw new Error(`booking with rules answered ${JSON.stringify(r.statuses)}, ${r.errors} errors`);
  }
}
const ratio = median(rest.map((r, k) => r.perSecond / (baseline[k]?.perSecond ?? Number.NaN)));

// --- 2. check-ins at a fixed rate with the boards open.
await resetWrites(dataset);
const db = new pg.Client({ connectionString: dataset.url });
await db.connect();
const total = CHECKIN_RATE * CHECKIN_SECONDS + CHECKIN_RATE;
// Today's appointments (UTC, the bench hospital's zone), each its own patient, spread over the
// doctors in 2-minute slots from midnight: one arrival each.
const doctors = (
  await db.query<{ id: string; departmentId: string }>(
    `select d.id, min(dd.department_id::text) as "departmentId" from doctors d
       join doctor_departments dd on dd.doctor_id = d.id group by d.id order by d.id`,
  )
).rows;
const patients = (
  await db.query<{ id: string }>(
    `select id from patients where national_id like '31%' and archived_at is null order by id limit $1`,
    [total],
  )
).rows;
if (patients.length < total)
  throw new Error(`${total} check-ins need ${total} patients; the dataset has ${patients.length}`);
const midnight = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`).getTime();
const arrivals = patients.map((p, k) => {
  const doctor = doctors[k % doctors.length] as { id: string; departmentId: string };
  const start = midnight + Math.floor(k / doctors.length) * 2 * 60_000;
  return { id: randomUUID(), patientId: p.id, doctor, start: new Date(start), end: new Date(start + 2 * 60_000) };
});
await db.query(
  `insert into appointments (id, patient_id, doctor_id, starts_at, ends_at, blocked_from, blocked_to, status, reason, created_by_id)
   select t.id, t.patient_id, t.doctor_id, t.starts_at, t.ends_at, t.starts_at, t.ends_at, 'scheduled', 'Bench arrival',
          (select id from employees where email = $6)
     from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])
          as t(id, patient_id, doctor_id, starts_at, ends_at)`,
  [
    arrivals.map((a) => a.id),
    arrivals.map((a) => a.patientId),
    arrivals.map((a) => a.doctor.id),
    arrivals.map((a) => a.start.toISOString()),
    arrivals.map((a) => a.end.toISOString()),
    BENCH_ADMIN_EMAIL,
  ],
);
await db.end();

/** Each department's board stream: when each event arrived, against the step's own time. */
const departments = [...new Set(doctors.map((d) => d.departmentId))];
const lags: number[] = [];
let received = 0;
const streams = new AbortController();
await Promise.all(
  departments.map(async (departmentId) => {
    const res = await fetch(`${api.url}/api/departments/${departmentId}/board/events`, { signal: streams.signal });
    if (!res.ok || !res.body) throw new Error(`board stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const data = buffer
              .slice(0, end)
              .split('\n')
              .find((l) => l.startsWith('data: '));
            buffer = buffer.slice(end + 2);
            if (data) {
              const event = JSON.parse(data.slice(6)) as { ticket?: { at?: string }; at?: string };
              const at = event.ticket?.at ?? event.at;
              received++;
              if (at) lags.push(Date.now() - Date.parse(at));
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted at the end of the run
      }
    })();
  }),
);

let next = 0;
// resetWrites ended the sessions: log in again.
const desk = await login(api.url, dataset.adminEmail, dataset.adminPassword);
const checkIns = await load({
  url: api.url,
  token: desk,
  connections: CHECKIN_CONNECTIONS,
  overallRate: CHECKIN_RATE,
  bound: { seconds: CHECKIN_SECONDS },
  request: () => {
    const a = arrivals[next++ % arrivals.length] as (typeof arrivals)[number];
    return {
      method: 'POST',
      path: `/api/departments/${a.doctor.departmentId}/queue`,
      body: { appointmentId: a.id, priority: 'regular' },
    };
  },
});
// The streams poll every 500 ms: give the last events time to arrive.
await new Promise((resolve) => setTimeout(resolve, 1500));
streams.abort();
await Promise.all([api.stop(), bare.stop()]);

lags.sort((a, b) => a - b);
const created = checkIns.statuses['201'] ?? 0;
console.log(
  `\n## Booking with visit type rules (REST, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s)`,
);
console.log('| side | req/s (median) | p50 ms | p99 ms |');
console.log('|---|---:|---:|---:|');
console.log(
  `| API (REST) | ${fmt(median(rest.map((r) => r.perSecond)), 0)} | ${median(rest.map((r) => r.p50))} | ${median(rest.map((r) => r.p99))} |`,
);
console.log(
  `| bare Fastify + pg | ${fmt(median(baseline.map((r) => r.perSecond)), 0)} | ${median(baseline.map((r) => r.p50))} | ${median(baseline.map((r) => r.p99))} |`,
);
console.log(
  `ratio to the baseline: ${fmt(ratio, 2)} (target >= 0.70); rounds: ${rest.map((r, k) => fmt(r.perSecond / (baseline[k]?.perSecond ?? Number.NaN), 2)).join(', ')}`,
);
console.log(`\n## Check-ins at ${CHECKIN_RATE}/s for ${CHECKIN_SECONDS} s, ${departments.length} board streams open`);
console.log(
  `achieved ${fmt(checkIns.perSecond, 1)} req/s; p50 ${checkIns.p50} ms, p99 ${checkIns.p99} ms; statuses ${JSON.stringify(checkIns.statuses)}; ${checkIns.errors} errors`,
);
console.log(
  `board events received ${received} of ${created} check-ins; delivery after the step: p50 ${fmt(percentile(lags, 50), 0)} ms, p99 ${fmt(percentile(lags, 99), 0)} ms, max ${fmt(lags.at(-1) ?? Number.NaN, 0)} ms`,
);
const sustained = checkIns.perSecond >= CHECKIN_RATE * 0.97 && created === checkIns.requests && checkIns.errors === 0;
console.log(
  `sustained: ${sustained ? 'yes' : 'no'}; every event within 1 s: ${(lags.at(-1) ?? 0) < 1000 ? 'yes' : 'no'}`,
);
