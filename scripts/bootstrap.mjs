#!/usr/bin/env node
// The README's commands land here. This file must run on whatever Node the machine has (Node 20
// on ours, which cannot reach nodejs.org): it brings the pinned pnpm, installs the workspace (which
// installs Node 24 from the npm registry as a package, see package.json optionalDependencies) and
// runs the task with that Node first on PATH. No dependencies, plain ESM.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '').replace(/\+.*$/, '');

const tasks = {
  // Install only.
  setup: [],
  // The API on the embedded database with demo data: built, then run as its own child (below).
  start: ['exec', 'turbo', 'run', 'build', '--filter=@meditrack/api...', '--output-logs=errors-only'],
  // The vaccination sync worker (`--once`: one run): built, then run as its own child (below).
  sync: ['exec', 'turbo', 'run', 'build', '--filter=@meditrack/sync-worker...', '--output-logs=errors-only'],
  // The whole test suite; TEST_DATABASE_URL switches it from PGlite to a real server.
  test: ['exec', 'turbo', 'run', 'test'],
  // Lint, format check and type check (CI runs it too).
  check: ['run', 'check'],
};

const task = process.argv[2] ?? 'setup';
if (!(task in tasks)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(tasks).join('|')}> [args...]`);
  process.exit(2);
}

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmOnPath() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.trim() === pnpmVersion;
}

// Use the machine's pnpm when it is the pinned version, else install that version under .tools/.
function resolvePnpm() {
  if (pnpmOnPath()) return 'pnpm';
  const toolsDir = join(root, '.tools', `pnpm-${pnpmVersion}`);
  const bin = join(toolsDir, 'node_modules', '.bin', 'pnpm');
  if (!existsSync(bin)) {
    console.log(`[bootstrap] installing pnpm ${pnpmVersion} into .tools/`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const code = run(npm, [
      'install',
      '--prefix',
      toolsDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      // A stalled registry connection must fail (and retry) rather than hang the set-up.
      '--fetch-timeout=60000',
      '--fetch-retries=4',
      `pnpm@${pnpmVersion}`,
    ]);
    if (code !== 0) process.exit(code);
  }
  return bin;
}

const pnpm = resolvePnpm();
const installArgs = ['install', '--frozen-lockfile', '--prefer-offline'];
const installCode = run(pnpm, installArgs);
if (installCode !== 0) process.exit(installCode);

// node_modules/.bin holds the pinned Node (node-linux-*); put it first so every child uses it, and
// pnpm next to it, since turbo looks the package manager up on PATH.
const binDir = join(root, 'node_modules', '.bin');
const pnpmDir = pnpm === 'pnpm' ? [] : [dirname(pnpm)];
const env = {
  ...process.env,
  PATH: [binDir, ...pnpmDir, process.env.PATH ?? ''].join(delimiter),
  TURBO_TELEMETRY_DISABLED: '1',
};
const nodeCheck = spawnSync('node', ['-p', 'process.versions.node + " " + process.execPath'], {
  env,
  encoding: 'utf8',
});
const [version = '', nodeBinary = 'node'] = (nodeCheck.stdout ?? '').trim().split(' ');
const [major = 0, minor = 0] = version.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  console.error(
    `[bootstrap] Node >= 22.17 is required and none was found (got ${version || 'nothing'}). ` +
      'On linux x64/arm64 the install provides it; elsewhere install Node 22.17+ or 24.',
  );
  process.exit(1);
}

// The long-running tasks and the built program each one runs.
const programs = {
  start: join(root, 'packages', 'api', 'dist', 'main.js'),
  sync: join(root, 'apps', 'sync-worker', 'dist', 'main.js'),
};

const args = tasks[task];
if (args.length === 0) process.exit(0);
if (!(task in programs)) process.exit(run(pnpm, [...args, ...process.argv.slice(3)], env));

// start, sync: build (a cache hit when nothing changed), then the program as the only child, by the
// Node binary's own path (node_modules/.bin/node is a shell shim that would not pass signals on), so
// a SIGTERM or Ctrl-C reaches it, it stops cleanly (the API: unready, drain, close; the worker: the
// batch in progress commits, the run is recorded) and its exit status is ours: no ELIFECYCLE.
const built = run(pnpm, args, env);
if (built !== 0) process.exit(built);
const child = spawn(nodeBinary, [programs[task], ...process.argv.slice(3)], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
