/** HTTP load with autocannon: fixed connections, bounded by time or by a request count. */
import autocannon from 'autocannon';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  /** Seconds, or a fixed number of requests. */
  bound: { seconds: number } | { requests: number };
  /** The i-th request of this run (i counts across all connections). */
  request: (i: number) => HttpRequest;
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
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
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
            headers: { ...headers },
            body: next.body === undefined ? undefined : JSON.stringify(next.body),
          };
        },
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[code] = (stat as { count: number }).count;
  }
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests,
    seconds: result.duration,
    perSecond: requests / result.duration,
    meanMs: (1000 * options.connections * result.duration) / requests,
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
