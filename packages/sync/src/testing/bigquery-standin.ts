/**
 * A local stand-in of the BigQuery REST API (jobs.insert, jobs.getQueryResults) for tests and
 * benchmarks, driven by the real @google-cloud/bigquery client: typed cells as strings, schema,
 * page tokens, `jobComplete: false`, injected failures with Google's error bodies.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Cell = string | null;

export interface StandInOptions {
  /** Column names and BigQuery types, in order. */
  columns: { name: string; type: 'STRING' | 'INTEGER' | 'DATE' | 'TIMESTAMP' }[];
  /** Number of rows and the row at an index (generated on demand: a million rows cost no memory). */
  rowCount: number;
  rowAt: (index: number) => Cell[];
}

export interface Fault {
  /** Which call fails: creating the job or reading a page. */
  on: 'insert' | 'results';
  status: number;
  reason?: string;
  message?: string;
  /** How many times (default once). */
  times?: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

export interface BigQueryStandIn {
  /** The `apiEndpoint` to give the client. */
  endpoint: string;
  calls: RecordedCall[];
  /** Replace the data served by later jobs. */
  setData(options: StandInOptions): void;
  /** Fail the next matching calls. */
  fail(fault: Fault): void;
  /** Answer the next N result reads with `jobComplete: false`. */
  incomplete(times: number): void;
  /** Delay every result page (to catch a run in the middle). */
  setPageDelay(ms: number): void;
  /** Hold every result read until the returned function is called (a run stays in progress for as long as a test needs). */
  hold(): () => void;
  /** Forget pending faults, delays and recorded calls; release a hold. */
  reset(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startBigQueryStandIn(initial: StandInOptions): Promise<BigQueryStandIn> {
  let data = initial;
  const faults: Fault[] = [];
  let incompleteLeft = 0;
  let pageDelay = 0;
  let held: { gate: Promise<void>; release: () => void } | undefined;
  const calls: RecordedCall[] = [];
  const jobs = new Map<string, StandInOptions>();

  const takeFault = (on: Fault['on']) => {
    const index = faults.findIndex((f) => f.on === on && (f.times ?? 1) > 0);
    if (index < 0) return undefined;
    const fault = faults[index] as Fault;
    fault.times = (fault.times ?? 1) - 1;
    return fault;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    calls.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(body ? { body } : {}),
    });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const sendFault = (fault: Fault) =>
      send(fault.status, {
        error: {
          code: fault.status,
          message: fault.message ?? `stand-in failure ${fault.status}`,
          errors: [
            {
              reason: fault.reason ?? (fault.status >= 500 ? 'backendError' : 'invalidQuery'),
              message: fault.message ?? 'failure',
            },
          ],
          status: fault.status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT',
        },
      });

    const insert = /^\/bigquery\/v2\/projects\/([^/]+)\/jobs$/.exec(url.pathname);
    if (insert && req.method === 'POST') {
      const fault = takeFault('insert');
      if (fault) return sendFault(fault);
      const projectId = insert[1] as string;
      const requested = (body as { jobReference?: { jobId?: string; location?: string } })?.jobReference ?? {};
      const jobId = requested.jobId ?? `job_${calls.length}`;
      jobs.set(jobId, data);
      return send(200, {
        kind: 'bigquery#job',
        id: `${projectId}:${jobId}`,
        jobReference: { projectId, jobId, location: requested.location ?? 'US' },
        configuration: (body as { configuration?: unknown })?.configuration,
        status: { state: 'RUNNING' },
      });
    }

    const results = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(url.pathname);
    if (results && req.method === 'GET') {
      if (held) await held.gate;
      if (pageDelay) await new Promise((r) => setTimeout(r, pageDelay));
      const fault = takeFault('results');
      if (fault) return sendFault(fault);
      const projectId = results[1] as string;
      const jobId = results[2] as string;
      const job = jobs.get(jobId);
      if (!job)
        return sendFault({ on: 'results', status: 404, reason: 'notFound', message: `Not found: Job ${jobId}` });
      const jobReference = { projectId, jobId, location: url.searchParams.get('location') ?? 'US' };
      if (incompleteLeft > 0) {
        incompleteLeft -= 1;
        return send(200, { kind: 'bigquery#getQueryResultsResponse', jobReference, jobComplete: false });
      }
      const offset = Number(url.searchParams.get('pageToken') ?? 0);
      const size = Number(url.searchParams.get('maxResults') ?? 10_000);
      const end = Math.min(offset + size, job.rowCount);
      const rows = [];
      for (let i = offset; i < end; i++) rows.push({ f: job.rowAt(i).map((v) => ({ v })) });
      return send(200, {
        kind: 'bigquery#getQueryResultsResponse',
        jobReference,
        jobComplete: true,
        schema: { fields: job.columns.map((c) => ({ name: c.name, type: c.type, mode: 'NULLABLE' })) },
        totalRows: String(job.rowCount),
        rows,
        ...(end < job.rowCount ? { pageToken: String(end) } : {}),
      });
    }
    return send(404, { error: { code: 404, message: `stand-in has no ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    setData(options) {
      data = options;
    },
    fail(fault) {
      faults.push({ ...fault });
    },
    incomplete(times) {
      incompleteLeft = times;
    },
    setPageDelay(ms) {
      pageDelay = ms;
    },
    hold() {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const current = { gate, release };
      held = current;
      return () => {
        if (held === current) held = undefined;
        current.release();
      };
    },
    reset() {
      held?.release();
      held = undefined;
      faults.length = 0;
      incompleteLeft = 0;
      pageDelay = 0;
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The seed document's layout and the sync's: national_id, vaccine_type, dose_count, last_dose_date. */
export const VACCINATION_COLUMNS: StandInOptions['columns'] = [
  { name: 'national_id', type: 'STRING' },
  { name: 'vaccine_type', type: 'STRING' },
  { name: 'dose_count', type: 'INTEGER' },
  { name: 'last_dose_date', type: 'DATE' },
];

/** The sync's settings for a stand-in (no credentials), as environment variables of a worker or the API. */
export const standInSettings = (bq: BigQueryStandIn, extra: Record<string, string> = {}): Record<string, string> => ({
  BIGQUERY_PROJECT_ID: 'hospital-analytics',
  BIGQUERY_TABLE: 'vaccination.vaccine_data',
  BIGQUERY_API_ENDPOINT: bq.endpoint,
  BIGQUERY_AUTH: 'none',
  SYNC_RETRY_BASE_MS: '20',
  ...extra,
});
