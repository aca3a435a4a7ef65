import { BigQuery, type Job } from '@google-cloud/bigquery';
import { OAuth2Client } from 'google-auth-library';
import type { SyncEnv } from './config.js';
import { type RetryPolicy, retrying } from './retry.js';

export type SourceRow = Record<string, unknown>;

/** The BigQuery client as configured: ADC credentials, or none for an emulator / stand-in. */
export function bigQueryClient(env: SyncEnv): BigQuery {
  return new BigQuery({
    projectId: env.BIGQUERY_PROJECT_ID,
    ...(env.BIGQUERY_LOCATION ? { location: env.BIGQUERY_LOCATION } : {}),
    ...(env.BIGQUERY_API_ENDPOINT ? { apiEndpoint: env.BIGQUERY_API_ENDPOINT } : {}),
    // A custom endpoint does not skip authentication: without credentials the client would probe
    // the GCE metadata server. `none` gives it a fixed token that emulators ignore.
    ...(env.BIGQUERY_AUTH === 'none' ? { authClient: noCredentials() } : {}),
    // Our own bounded retry (retry.ts) wraps every call; the client's would multiply it.
    retryOptions: { autoRetry: false, maxRetries: 0 },
  });
}

function noCredentials(): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: 'emulator', expiry_date: Date.now() + 10 * 365 * 86_400_000 });
  return client;
}

/**
 * Runs the query as a job and yields its result page by page (`pageSize` rows at most), so memory
 * stays flat whatever the table's size. `jobComplete: false` answers are polled again.
 */
export async function* readPages(
  bq: BigQuery,
  query: string,
  options: { pageSize: number; location?: string | undefined; retry: RetryPolicy },
): AsyncGenerator<SourceRow[]> {
  const [job] = (await retrying(
    () =>
      bq.createQueryJob({ query, useLegacySql: false, ...(options.location ? { location: options.location } : {}) }),
    options.retry,
  )) as [Job, unknown];
  let request: Record<string, unknown> | null = { maxResults: options.pageSize, autoPaginate: false };
  while (request) {
    const current: Record<string, unknown> = request;
    const [rows, next] = (await retrying(() => job.getQueryResults(current), options.retry)) as unknown as [
      SourceRow[],
      Record<string, unknown> | null,
    ];
    if (rows.length) yield rows;
    request = next ? { ...next, maxResults: options.pageSize, autoPaginate: false } : null;
    if (options.retry.signal?.aborted) return;
  }
}
