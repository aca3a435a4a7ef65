import {
  databaseEnvSchema,
  embeddedDataDir,
  type PgConnection,
  parseEnv,
  pgTimeoutSettings,
  timeoutsOf,
} from '@meditrack/domain';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Settings of the vaccination sync, shared by the worker and the API's trigger. */
export const syncEnvSchema = z
  .object({
    BIGQUERY_PROJECT_ID: z.string().min(1, 'is required (the Google Cloud project that runs the query)'),
    /** `dataset.table` with the columns national_id, vaccine_type, dose_count[, last_dose_date]. */
    BIGQUERY_TABLE: z
      .string()
      .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){1,2}$/, 'must be dataset.table (or project.dataset.table)')
      .optional(),
    /** A full query instead, for other layouts; it must return the same column names. */
    BIGQUERY_QUERY: z.string().min(10).optional(),
    BIGQUERY_LOCATION: z.string().min(1).optional(),
    /** An emulator or stand-in of the BigQuery REST API, e.g. http://127.0.0.1:9050. */
    BIGQUERY_API_ENDPOINT: z.url().optional(),
    /** `adc`: Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS, metadata server). `none`: for emulators. */
    BIGQUERY_AUTH: z.enum(['adc', 'none']).default('adc'),
    SYNC_CRON: z.string().min(9).default('0 2 * * *'),
    SYNC_TIMEZONE: z.string().optional(),
    SYNC_PAGE_SIZE: positiveInt(5000, 100_000),
    SYNC_BATCH_SIZE: positiveInt(1000, 20_000),
    SYNC_RETRY_ATTEMPTS: positiveInt(6, 20),
    SYNC_RETRY_BASE_MS: positiveInt(1000, 60_000),
    SYNC_RETRY_TOTAL_MS: positiveInt(300_000, 3_600_000),
    /** A running sync whose heartbeat is older than this is taken as crashed and marked abandoned. */
    SYNC_STALE_AFTER_SECONDS: positiveInt(600, 86_400),
  })
  .extend(databaseEnvSchema.shape)
  .refine((env) => Boolean(env.BIGQUERY_TABLE) !== Boolean(env.BIGQUERY_QUERY), {
    message: 'set exactly one of BIGQUERY_TABLE and BIGQUERY_QUERY',
    path: ['BIGQUERY_TABLE'],
  });

export type SyncEnv = z.output<typeof syncEnvSchema>;

/** Validates the sync's environment; throws one ConfigError listing every problem. */
export function loadSyncConfig(env: NodeJS.ProcessEnv = process.env): SyncEnv {
  return parseEnv(syncEnvSchema, env);
}

/** Whether this process has what a sync needs (the API offers its trigger only then). */
export function syncConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return syncEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v))).success;
}

/** The query run against BigQuery: the configured one, or the columns the sync needs from BIGQUERY_TABLE. */
export function sourceQuery(env: SyncEnv): string {
  if (env.BIGQUERY_QUERY) return env.BIGQUERY_QUERY;
  const table = (env.BIGQUERY_TABLE as string)
    .split('.')
    .map((part) => `\`${part}\``)
    .join('.');
  return `SELECT national_id, vaccine_type, dose_count, last_dose_date FROM ${table}`;
}

/**
 * Where the database is (DATABASE_URL, or the API's embedded database over its unix socket), with
 * the DB_*_TIMEOUT_MS bounds.
 */
export function databaseTarget(env: SyncEnv): PgConnection {
  if (env.DATABASE_URL)
    return { connectionString: env.DATABASE_URL, ...pgTimeoutSettings(timeoutsOf(env), 'postgresql') };
  return {
    host: embeddedDataDir(env),
    port: 5432,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
    ...pgTimeoutSettings(timeoutsOf(env), 'embedded'),
  };
}
