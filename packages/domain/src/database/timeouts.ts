import { type DatabaseEnv, databaseEnvSchema } from '../config.js';

/** How long the database may take, in milliseconds (0: no bound): DB_*_TIMEOUT_MS, docs/operations.md. */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
}

export const timeoutsOf = (env: DatabaseEnv): DatabaseTimeouts => ({
  connectMs: env.DB_CONNECT_TIMEOUT_MS,
  statementMs: env.DB_STATEMENT_TIMEOUT_MS,
  idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
});

/** The settings' defaults (databaseEnvSchema). */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = timeoutsOf(databaseEnvSchema.parse({}));

/**
 * The client waits this much longer than the server's statement timeout: a statement the server
 * cancels answers with its own error first; only an unreachable server leaves the client's to fire.
 */
const CLIENT_MARGIN_MS = 1000;

/** node-postgres settings (pg.ClientConfig / pg.PoolConfig) that bound every wait on the database. */
export interface PgTimeoutSettings {
  connectionTimeoutMillis: number;
  keepAlive: boolean;
  keepAliveInitialDelayMillis: number;
  query_timeout?: number;
  statement_timeout?: number;
  idle_in_transaction_session_timeout?: number;
}

/**
 * The settings for every pool of every process (the ORM's, the sync's): a connect timeout (which also
 * bounds the wait for a free pooled connection), the server's statement and idle-in-transaction
 * timeouts, and a client-side query timeout for when the server cannot answer at all (a network
 * partition: no error arrives, only silence). The embedded database runs in the same process as its
 * clients (no network to lose) and as one shared session, so it gets the connect timeout only.
 */
export function pgTimeoutSettings(timeouts: DatabaseTimeouts, server: 'postgresql' | 'embedded'): PgTimeoutSettings {
  // TCP keepalive from 10 s of silence (the system's default waits two hours): a dead peer of an idle
  // connection is found without a statement having to time out on it.
  const connect = { connectionTimeoutMillis: timeouts.connectMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };
  if (server === 'embedded') return connect;
  return {
    ...connect,
    ...(timeouts.statementMs > 0
      ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + CLIENT_MARGIN_MS }
      : {}),
    ...(timeouts.idleInTransactionMs > 0 ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
  };
}
