#!/usr/bin/env bash
# Runs what the Dockerfiles run, outside a container (no Docker engine on our machines): build,
# `pnpm deploy --prod` bundles, migrate, start the API and the worker from those bundles against the
# PostgreSQL server, check /readyz and a login, SIGTERM both and require exit 0 within the bound.
# Also validates docker-compose.yml. Needs pnpm and node (bootstrap) on PATH and PostgreSQL at
# 127.0.0.1:5432 (DEPLOY_CHECK_PG_URL to change).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${DEPLOY_CHECK_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
work=$(mktemp -d)
db="meditrack_deploy_$$"
api_pid=""
worker_pid=""
sync_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill -9 "$api_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && kill -9 "$worker_pid" 2>/dev/null || true
  # TERM, not KILL: pnpm and the bootstrap pass it on to the worker; a killed bootstrap could not.
  [ -n "$sync_pid" ] && kill -TERM "$sync_pid" 2>/dev/null || true
  psql "$PG_URL" -qc "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "deploy-check FAILED: $*" >&2; exit 1; }
# After a SIGTERM: the process must end within 20 s with exit 0 (its log is shown otherwise).
exits_cleanly() {
  local pid=$1 log=$2 what=$3 code
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { cat "$log"; fail "$what still running 20 s after SIGTERM"; }
  wait "$pid" && code=0 || code=$?
  [ "$code" = 0 ] || { cat "$log"; fail "$what exited $code after SIGTERM"; }
}
# The real binary, not a package-manager shim script: signals must reach Node itself.
NODE_BIN=$(node -p process.execPath)

echo "-- build and deploy bundles (as in docker/*.Dockerfile)"
pnpm exec turbo run build --filter=@meditrack/api... --filter=@meditrack/sync-worker... --output-logs=errors-only
pnpm deploy --legacy --prod --filter=@meditrack/api "$work/api" >/dev/null
pnpm deploy --legacy --prod --filter=@meditrack/sync-worker "$work/worker" >/dev/null
# The workspace root's own Node (node-linux-*) rides along with deploy; images have Node already.
rm -rf "$work"/{api,worker}/node_modules/.pnpm/node-linux-* "$work"/{api,worker}/node_modules/.bin/node
for forbidden in vitest typescript tsx @biomejs playwright-core; do
  [ -e "$work/api/node_modules/$forbidden" ] && fail "dev dependency $forbidden in the API bundle"
done
echo "api bundle: $(du -sh "$work/api" | cut -f1), worker bundle: $(du -sh "$work/worker" | cut -f1)"

psql "$PG_URL" -qc "create database \"$db\"" >/dev/null
DB_URL="${PG_URL%/*}/$db"
export NODE_ENV=production DATABASE_URL="$DB_URL" LOG_LEVEL=warn

echo "-- production refuses to start without JWT_SECRET"
if (cd "$work/api" && "$NODE_BIN" dist/main.js >"$work/nojwt.log" 2>&1); then fail "started without JWT_SECRET"; fi
grep -q "JWT_SECRET" "$work/nojwt.log" || fail "no message naming JWT_SECRET"

echo "-- refuses to serve before migrations, then the one-shot migration"
if (cd "$work/api" && JWT_SECRET=$(head -c 48 /dev/urandom | base64) "$NODE_BIN" dist/main.js >"$work/unmigrated.log" 2>&1); then
  fail "served an unmigrated database"
fi
grep -q "db:migrate" "$work/unmigrated.log" || fail "no hint to migrate"
(cd "$work/api" && "$NODE_BIN" node_modules/@meditrack/domain/dist/cli/migrate.js)

echo "-- start the API from its bundle, with the image's Node options"
api_node_options=$(sed -n 's/^ENV .*NODE_OPTIONS=\([^ ]*\).*/\1/p' docker/api.Dockerfile)
[ -n "$api_node_options" ] || fail "docker/api.Dockerfile sets no NODE_OPTIONS (the heap policy)"
port=$((20000 + RANDOM % 20000))
(cd "$work/api" && exec env NODE_OPTIONS="$api_node_options" PORT=$port HOST=127.0.0.1 JWT_SECRET="$(head -c 48 /dev/urandom | base64)" \
  ADMIN_EMAIL=ops@deploy.check ADMIN_PASSWORD=deploy-check-password "$NODE_BIN" dist/main.js) >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/api.log"; fail "/readyz never became ready"; }
curl -fs -X POST "http://127.0.0.1:$port/api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"ops@deploy.check","password":"deploy-check-password"}' | grep -q accessToken || fail "first admin cannot log in"

echo "-- SIGTERM the API: /readyz turns unready first, then it exits 0 within 20 s"
kill -TERM "$api_pid"
sleep 0.5
ready_status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
[ "$ready_status" = 503 ] || { cat "$work/api.log"; fail "/readyz answered $ready_status while draining (expected 503)"; }
exits_cleanly "$api_pid" "$work/api.log" "the API"
api_pid=""

echo "-- start the worker from its bundle, check its health file, SIGTERM it"
health="$work/worker.alive"
(cd "$work/worker" && exec env BIGQUERY_PROJECT_ID=deploy-check BIGQUERY_TABLE=vaccination.vaccine_data \
  BIGQUERY_API_ENDPOINT=http://127.0.0.1:9 BIGQUERY_AUTH=none SYNC_CRON='0 2 1 1 *' SYNC_HEALTH_FILE="$health" \
  "$NODE_BIN" dist/main.js) >"$work/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 40); do [ -f "$health" ] && break; sleep 0.5; done
[ -f "$health" ] || { cat "$work/worker.log"; fail "worker never wrote its health file"; }
kill -TERM "$worker_pid"
exits_cleanly "$worker_pid" "$work/worker.log" "the worker"
worker_pid=""

# As a newcomer or an operator runs the README's commands: the machine's node (and the pinned pnpm),
# without this project's node_modules/.bin on PATH (its `node` is a shell shim, which would stand
# between a signal and the package manager).
machine_path=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$PWD/node_modules/.bin" | paste -sd:)

echo "-- pnpm sync:start (the worker outside a container): no rebuild when nothing changed, a SIGTERM reaches the worker"
health="$work/sync-start.alive"
# A NODE_ENV other than the last build's must not make it build again.
(exec env PATH="$machine_path" BIGQUERY_PROJECT_ID=deploy-check BIGQUERY_TABLE=vaccination.vaccine_data BIGQUERY_API_ENDPOINT=http://127.0.0.1:9 \
  BIGQUERY_AUTH=none SYNC_CRON="0 2 1 1 *" SYNC_HEALTH_FILE="$health" NODE_ENV=development LOG_LEVEL=info pnpm sync:start) >"$work/sync-start.log" 2>&1 &
sync_pid=$!
for _ in $(seq 1 120); do [ -f "$health" ] && break; sleep 0.5; done
[ -f "$health" ] || { cat "$work/sync-start.log"; fail "pnpm sync:start: the worker never wrote its health file"; }
grep -qE 'Cached: +([0-9]+) cached, \1 total' "$work/sync-start.log" ||
  { cat "$work/sync-start.log"; fail "pnpm sync:start rebuilt although nothing changed"; }
kill -TERM "$sync_pid"
exits_cleanly "$sync_pid" "$work/sync-start.log" "pnpm sync:start"
sync_pid=""
pgrep -f "$PWD/apps/sync-worker/dist/main.js" >/dev/null && fail "the worker outlived pnpm sync:start"
if grep -qE 'ELIFECYCLE|ERR!' "$work/sync-start.log"; then cat "$work/sync-start.log"; fail "pnpm sync:start printed a failure on a normal stop"; fi
grep -q 'stopping' "$work/sync-start.log" || { cat "$work/sync-start.log"; fail "the worker did not log its stop"; }
echo "pnpm sync:start: no rebuild, stopped cleanly"

echo "-- docker-compose.yml"
if command -v docker-compose >/dev/null 2>&1; then
  POSTGRES_PASSWORD=x JWT_SECRET=x docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml is invalid"
  if POSTGRES_PASSWORD= JWT_SECRET= docker-compose -f docker-compose.yml config -q >/dev/null 2>&1; then
    fail "compose accepted an empty POSTGRES_PASSWORD / JWT_SECRET"
  fi
  POSTGRES_PASSWORD=x JWT_SECRET=x docker-compose -f docker-compose.yml config |
    awk '/^  sync-worker:/ { in_worker = 1; next } /^  [a-z]/ { in_worker = 0 } in_worker && /- sync$/ { found = 1 } END { exit !found }' ||
    fail "the sync worker is not behind the compose profile sync"
  echo "compose file valid; secrets required; the sync worker off until --profile sync"
else
  fail "docker-compose not installed (apt-get install docker-compose)"
fi
echo "-- npm start (the README's command): serves /, and a SIGTERM stops it cleanly with exit 0"
start_port=$((20000 + RANDOM % 20000))
(unset NODE_ENV DATABASE_URL; exec env PATH="$machine_path" DATA_DIR="$work/npm-start-data" PORT=$start_port npm start) >"$work/npm-start.log" 2>&1 &
start_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$start_port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$start_port/" | grep -q '"docs":"/docs"' || { cat "$work/npm-start.log"; fail "npm start: / does not point to /docs"; }
kill -TERM "$start_pid"
exits_cleanly "$start_pid" "$work/npm-start.log" "npm start"
if grep -qE 'ELIFECYCLE|npm error|ERR!' "$work/npm-start.log"; then cat "$work/npm-start.log"; fail "npm start printed a failure on a normal stop"; fi
curl -fs "http://127.0.0.1:$start_port/healthz" >/dev/null 2>&1 && fail "the API outlived npm start"
echo "npm start stopped cleanly"
echo "deploy-check passed"
