import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type RunningApi, startApi } from './server.js';

// Async for anything that talks to the API: it runs in this process and must keep serving.
const run = promisify(execFile);
const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = mkdtempSync(join(tmpdir(), 'meditrack-consumer-'));
let api: RunningApi;

beforeAll(async () => {
  api = await startApi();
  // Pack exactly what would be published, and install it where no workspace package is visible.
  execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: sdkDir, stdio: 'pipe' });
  const tarball = readdirSync(project).find((f) => f.endsWith('.tgz')) as string;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      // Beside tRPC's TanStack Query integration, which pins its own @trpc/client: with the SDK's
      // peers, npm installs one copy that both use (no overrides).
      dependencies: {
        '@meditrack/sdk': `file:./${tarball}`,
        '@trpc/tanstack-react-query': '11.22.1',
        '@tanstack/react-query': '5.108.4',
        react: '19.3.1',
      },
      devDependencies: {
        typescript: '5.9.3',
        '@types/node': '24.19.2',
        '@types/react': '19.3.3',
      },
    }),
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        // tRPC 11.22's own declarations (the version its TanStack Query package pins) do not check
        // against today's @types/ws; the SDK's declarations are held by the test below instead.
        skipLibCheck: true,
        types: ['node'],
        lib: ['ES2023', 'ESNext.Disposable', 'DOM'],
      },
    }),
  );
  writeFileSync(join(project, 'consumer.ts'), readFileSync(join(sdkDir, 'test', 'consumer', 'consumer.ts')));
  await installWithRetries();
}, 320_000);

/**
 * npm install from the registry, bounded: a stalled registry connection once hung CI with npm idle
 * for 12 minutes (a synchronous call cannot be timed out by the hook). Each try is killed after
 * 90 s (a cold npm cache on a busy machine once needed more than 50 s) and npm's own fetches time
 * out after 20 s; three tries. A failure quotes npm's last fetch lines: behind a TLS-inspecting proxy
 * they say SELF_SIGNED_CERT_IN_CHAIN when NODE_EXTRA_CA_CERTS does not reach the test (turbo.json
 * passes it through).
 */
async function installWithRetries() {
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=http'];
  const fetchLimits = ['--fetch-timeout=20000', '--fetch-retries=2', '--fetch-retry-maxtimeout=10000'];
  for (let attempt = 1; ; attempt++) {
    try {
      await run('npm', [...args, ...fetchLimits], { cwd: project, timeout: 90_000, killSignal: 'SIGKILL' });
      return;
    } catch (error) {
      const { killed, stderr } = error as { killed?: boolean; stderr?: string };
      const lastLines = (stderr ?? '').trim().split('\n').slice(-6).join('\n');
      if (attempt === 3)
        throw new Error(
          `npm install failed 3 times${killed ? ' (killed after 90 s)' : ''}; npm's last lines:\n${lastLines}`,
          {
            cause: error,
          },
        );
      rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    }
  }
}
afterAll(async () => {
  await api?.close();
  rmSync(project, { recursive: true, force: true });
});

describe('the packed SDK in a project outside the workspace', () => {
  it('depends only on peers, and installs next to @trpc/tanstack-react-query with one tRPC client', () => {
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', '@meditrack', 'sdk', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies).toBeUndefined();
    const optional = Object.keys(manifest.peerDependenciesMeta ?? {});
    expect(
      Object.keys(manifest.peerDependencies)
        .filter((p) => !optional.includes(p))
        .sort(),
    ).toEqual(['@trpc/client', '@trpc/server', 'superjson', 'zod']);
    for (const nested of ['@meditrack/sdk', '@trpc/tanstack-react-query'])
      expect(existsSync(join(project, 'node_modules', nested, 'node_modules', '@trpc', 'client')), nested).toBe(false);
    for (const absent of [
      '@mikro-orm/core',
      'fastify',
      'pg',
      '@electric-sql/pglite',
      '@meditrack/contract',
      '@meditrack/api',
    ]) {
      expect(existsSync(join(project, 'node_modules', absent)), absent).toBe(false);
    }
  });

  it('ships self-contained declarations (no workspace or server imports)', () => {
    const dist = join(project, 'node_modules', '@meditrack', 'sdk', 'dist');
    for (const file of (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.d.ts'))) {
      const imports = [...readFileSync(join(dist, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of imports)
        expect(spec, `${file} imports ${spec}`).toMatch(
          /^(\.\.?\/|@trpc\/client$|@trpc\/server$|@trpc\/tanstack-react-query$|@tanstack\/react-query$|react$|zod(\/mini)?$)/,
        );
    }
  });

  it('type-checks a consumer, including the @ts-expect-error lines that must fail', async () => {
    const result = await run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', project], { cwd: project }).catch(
      (e) => e,
    );
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  });

  it('runs the consumer against the API', async () => {
    const { stdout } = await run(process.execPath, ['consumer.ts'], {
      cwd: project,
      env: { ...process.env, API_URL: api.url, API_EMAIL: ADMIN.email, API_PASSWORD: ADMIN.password },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(result).toMatchObject({
      total: 1,
      createdAtIsDate: true,
      duplicate: ['DUPLICATE_VALUE', 'nationalId', 409, 409],
    });
    expect(result.created).toMatch(/^MRN-\d{8}$/);
  });
});
