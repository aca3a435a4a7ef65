/** The servers under test, each its own process: the real API (as deployed) and the bare baseline. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Dataset } from '../dataset.js';

const here = dirname(fileURLToPath(import.meta.url));
const apiMain = join(here, '..', '..', '..', 'packages', 'api', 'dist', 'main.js');
const bareMain = join(here, 'bare-server.ts');
// tsx as a loader in the server's own process (not its CLI, which starts a child): pid, RSS and CPU are the server's.
const tsxLoader = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
).href;

/** Shared by both servers of a run, so one token works on both. Random: no secret in the code. */
export const JWT_SECRET = randomBytes(32).toString('hex');
export const POOL_MAX = 10;

export interface RunningServer {
  url: string;
  pid: number;
  /** Resident set size in MB, from /proc. */
  rssMb(): number;
  /** CPU time (user + system) the process has used so far, in seconds, from /proc. */
  cpuSeconds(): number;
  /** Of that, the time in the kernel (system calls: socket writes and reads), in seconds. */
  systemCpuSeconds(): number;
  /** Read and write system calls the process has made so far (socket messages among them), from /proc. */
  syscalls(): { reads: number; writes: number };
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready: ${url}\n${output()}`);
}

/** The API image's Node options (its heap policy), read from its Dockerfile: the API runs as deployed. */
function deployedNodeArgs(): string[] {
  const dockerfile = readFileSync(join(here, '..', '..', '..', 'docker', 'api.Dockerfile'), 'utf8');
  const match = /^ENV .*\bNODE_OPTIONS=(?:"([^"]*)"|(\S+))/m.exec(dockerfile);
  return (match?.[1] ?? match?.[2] ?? '').split(' ').filter(Boolean);
}

/**
 * Node options for the API processes: the image's, then `BENCH_API_NODE_ARGS` (`--trace-gc`, or a
 * different heap cap: the later flag wins); and a file for every server's output: for looking into a run.
 */
const API_NODE_ARGS = [...deployedNodeArgs(), ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
const API_LOG = process.env.BENCH_API_LOG;

async function start(args: string[], env: Record<string, string>, readyPath: string, port: number) {
  let output = '';
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A benchmark that fails (process.exit) takes its servers with it instead of leaving them running.
  const orphan = () => child.kill('SIGTERM');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  // Keep only the tail: the API logs at warn, but a crash should be explained.
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
    if (API_LOG) appendFileSync(API_LOG, d);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${url}${readyPath}`, child, () => output);
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rssMb() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime) in clock ticks of 1/100 s, after the command's ")".
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    systemCpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[12]) / 100;
    },
    syscalls() {
      const io = readFileSync(`/proc/${pid}/io`, 'utf8');
      return {
        reads: Number(/syscr:\s+(\d+)/.exec(io)?.[1] ?? 0),
        writes: Number(/syscw:\s+(\d+)/.exec(io)?.[1] ?? 0),
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  } satisfies RunningServer;
}

/**
 * The API as deployed (`node packages/api/dist/main.js`, NODE_ENV=production) with the settings a
 * benchmark needs: the global rate limit out of the way (all load comes from one address), access
 * tokens that outlive the run, and request logging off (LOG_LEVEL=warn), as the baseline has none.
 */
export async function startApi(
  dataset: Dataset,
  extraEnv: Record<string, string> = {},
  main = apiMain,
): Promise<RunningServer> {
  const port = await freePort();
  return start(
    [...API_NODE_ARGS, main],
    {
      NODE_ENV: 'production',
      DATABASE_URL: dataset.url,
      JWT_SECRET,
      JWT_ACCESS_TTL_SECONDS: '86400',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '1000000000',
      DB_POOL_MAX: String(POOL_MAX),
      SHUTDOWN_DRAIN_MS: '0',
      ...extraEnv,
    },
    '/readyz',
    port,
  );
}

export async function startBare(dataset: Dataset): Promise<RunningServer> {
  const port = await freePort();
  return start(
    ['--import', tsxLoader, bareMain],
    { DATABASE_URL: dataset.url, JWT_SECRET, PORT: String(port), DB_POOL_MAX: String(POOL_MAX) },
    '/patients/not-a-token',
    port,
  );
}
