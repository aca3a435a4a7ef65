/** HTTP load with autocannon: fixed connections, bounded by time or by a request count. */
import autocannon from 'autocannon';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  /** Seconds, or a fixed number of requests. */
  bound: { seconds: number } | { requests: number };
  /** The i-th request of this run (i counts across all connections). */
  request: (i: number) => HttpRequest;
  /** An open-loop rate: requests per second across all connections (default: as fast as answered). */
  overallRate?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Mean latency in ms from the throughput (connections / req/s): finer than the ms-resolution percentiles. */
  meanMs: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...('seconds' in options.bound ? { duration: options.bound.seconds } : { amount: options.bound.requests }),
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const next = options.request(i++);
          // Fresh headers and an explicit body each time: autocannon adds Content-Length to the headers
          // object it is given, and a GET after a POST must not announce the POST's body.
          return {
            ...req,
            method: next.method,
            path: next.path,
            headers: { ...headers, ...next.headers },
            body: next.body === undefined ? undefined : JSON.stringify(next.body),
          };
        },
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = (stat as { count: number }).count;
  }
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  // A run of a fixed number of requests ends on autocannon's next one-second tick: its duration
  // is whole seconds. Such runs last until their last answer.
  const seconds = 'seconds' in options.bound ? result.duration : (lastAnswer - started) / 1000;
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    meanMs: (1000 * options.connections * seconds) / requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
