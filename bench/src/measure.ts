/** Small measuring helpers: fixed-concurrency request loops and latency percentiles. */

export interface RunResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

/** The middle value (the upper one of an even count); NaN for none. */
export const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/**
 * `rounds` rounds of one run per side, the order reversed every other round so that drifts of the
 * shared machine hit both sides alike; each side's results in round order.
 */
export async function alternatingRounds<T>(rounds: number, sides: (() => Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) results[k]?.push(await (sides[k] as () => Promise<T>)());
  }
  return results;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Runs `request(i)` for i = 0..total-1 with `concurrency` in flight; latency in milliseconds per
 * request, throughput over the wall time of the whole run.
 */
export async function run(
  total: number,
  concurrency: number,
  request: (i: number) => Promise<number>,
): Promise<RunResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const status = await request(i);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
