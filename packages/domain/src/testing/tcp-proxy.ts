import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { PgConnection } from '../database/open.js';

/**
 * A TCP proxy in front of the database server (the real PostgreSQL in CI, or PGlite's socket), for
 * fault tests. What each fault looks like to a client:
 * - `dropConnections`: a restart, a failover or `pg_terminate_backend`: open connections die, new ones work;
 * - `cut` (until `restore`): a database that went away: open connections die, new ones are refused;
 * - `partition` (until `heal`): a network partition: nothing is refused or closed, nothing answers.
 */
export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  dropConnections(): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  partition(): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  server: Socket;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let partitioned = false;
  let listener: Server | undefined;
  let port = 0;
  const forward = (pair: Pair) => {
    pair.client.pipe(pair.server);
    pair.server.pipe(pair.client);
  };
  // Unpiped and paused, nothing is read: bytes wait in the kernel's buffers, as on a dead link.
  const hold = (pair: Pair) => {
    pair.client.unpipe(pair.server);
    pair.server.unpipe(pair.client);
    pair.client.pause();
    pair.server.pause();
  };
  const drop = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.server.destroy();
    }
    pairs.clear();
  };
  const listen = () =>
    new Promise<void>((resolve) => {
      const server = createServer((client) => {
        const pair = { client, server: createConnection(target) };
        pairs.add(pair);
        const end = () => {
          pairs.delete(pair);
          pair.client.destroy();
          pair.server.destroy();
        };
        pair.client.on('error', end).on('close', end);
        pair.server.on('error', end).on('close', end);
        if (partitioned) hold(pair);
        else forward(pair);
      });
      listener = server;
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      const server = listener;
      listener = undefined;
      if (server) server.close(() => resolve());
      else resolve();
    });
  await listen();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    dropConnections: drop,
    async cut() {
      drop();
      await stopListening();
    },
    restore: listen,
    partition() {
      partitioned = true;
      for (const pair of pairs) hold(pair);
    },
    heal() {
      partitioned = false;
      for (const pair of pairs) forward(pair);
    },
    async close() {
      drop();
      await stopListening();
    },
  };
}

/** Where a connection's server is, and how to log in, from its URL or its fields. */
function partsOf(connection: PgConnection) {
  if (!('connectionString' in connection)) return connection;
  const url = new URL(connection.connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

/** A proxy in front of the server of `connection`. */
export const startProxyFor = (connection: PgConnection) => startTcpProxy(partsOf(connection));

/**
 * The database of `connection` as a URL (DATABASE_URL for a process under test), reached directly or
 * through `proxy`.
 */
export function databaseUrlOf(connection: PgConnection, proxy?: TcpProxy): string {
  const { user, password, database, host, port } = partsOf(connection);
  const server = proxy ? `${proxy.host}:${proxy.port}` : `${host}:${port}`;
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@${server}/${database}`;
}
