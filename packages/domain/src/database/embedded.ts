import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Where clients find the embedded server: a unix socket directory (like PostgreSQL's) or a TCP port. */
export type EmbeddedListen = { socketDir: string } | { host: string; port: number };

export interface EmbeddedDatabaseOptions {
  /** Data directory; `null` keeps everything in memory (tests). */
  dataDir: string | null;
  listen: EmbeddedListen;
  /** Must cover the sum of every client's pool (API, worker, psql), or connections get refused. */
  maxConnections?: number;
}

export interface EmbeddedDatabase {
  /** node-postgres / MikroORM connection settings for this server. */
  readonly connection: { host: string; port: number; user: string; password: string; dbName: string };
  /** Human-readable, for logs and the README's psql line. */
  readonly address: string;
  stop(): Promise<void>;
}

/** PostgreSQL's socket file name: clients given `host=<dir>, port=5432` look for exactly this. */
export const EMBEDDED_SOCKET_PORT = 5432;
const socketFile = (dir: string) => join(dir, `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`);

/**
 * Starts PGlite (PostgreSQL compiled to WASM) in this process and serves it over the PostgreSQL
 * wire protocol, so this process's ORM and other processes (sync worker, psql) all connect the same
 * way as to a real server. PGlite is a single backend session: statements of all connections run
 * one at a time and an open transaction holds everyone else until it ends.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let db: PGlite | undefined;
  try {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    db = await PGlite.create({
      ...(options.dataDir ? { dataDir: join(options.dataDir, 'pgdata') } : {}),
      extensions: { btree_gist, pg_trgm },
    });
    const listen = options.listen;
    if ('socketDir' in listen) {
      mkdirSync(listen.socketDir, { recursive: true });
      await removeStaleSocket(socketFile(listen.socketDir));
    }
    const server = new PGLiteSocketServer({
      db,
      maxConnections: options.maxConnections ?? 64,
      ...('socketDir' in listen ? { path: socketFile(listen.socketDir) } : { host: listen.host, port: listen.port }),
    });
    await server.start();

    const pglite = db;
    const { host, port } =
      'socketDir' in listen
        ? { host: resolve(listen.socketDir), port: EMBEDDED_SOCKET_PORT }
        : { host: listen.host, port: Number(server.getServerConn().split(':').pop()) };
    return {
      connection: { host, port, user: 'postgres', password: 'postgres', dbName: 'postgres' },
      address: 'socketDir' in listen ? socketFile(host) : `${host}:${port}`,
      async stop() {
        await server.stop();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    releaseLock();
    throw error;
  }
}

/** Two processes opening one PGlite data directory would corrupt it: refuse with a clear message. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'embedded.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is already open in process ${pid}. ` +
          `Connect to it through its socket (host=${resolve(dataDir)}) or stop that process.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A socket file left by a killed process makes listen() fail with EADDRINUSE; remove it if nobody answers. */
async function removeStaleSocket(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const answering = await new Promise<boolean>((done) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
  if (answering) throw new Error(`Another server is listening on ${path}`);
  rmSync(path, { force: true });
}
