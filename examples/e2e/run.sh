#!/usr/bin/env bash
# End-to-end proof of prisma-singleton-codemod on a real PostgreSQL 15 (issue 8).
#
#   npm run test:e2e        (from the repo root; = bash examples/e2e/run.sh)
#
# 1. starts a throwaway PostgreSQL cluster (temp dir, loopback port, max_connections=20)
#    and creates the example's tables; the cluster is stopped and deleted on exit, also on failure;
# 2. installs examples/api (npm ci) and generates its Prisma 7 client offline;
# 3. BEFORE: builds and starts examples/api (15 modules, 15+ PrismaClients), fires a bounded
#    loopback load at every route while sampling pg_stat_activity: must fail with SQLSTATE 53300;
# 4. AFTER: runs the codemod CLI on a copy, type-checks and starts the copy, same load:
#    must have 0 failed requests and peak connections <= pool max (10) + 1;
# 5. prints a before/after table and writes it to examples/e2e/out/results.md (ignored by git), or, with
#    E2E_SNAPSHOT=1, to the committed examples/e2e/results.md.
#
# Environment knobs (all optional):
#   PG_BIN              PostgreSQL server binaries (default /usr/lib/postgresql/15/bin)
#   E2E_SECONDS         load duration per phase (default 6)
#   E2E_CONCURRENCY     concurrent requests in flight (default 48)
#   E2E_MAX_REQUESTS    request cap per phase (default 20000)
#   E2E_MAX_CONNECTIONS PostgreSQL max_connections (default 20)
#   E2E_CODEMOD         command run as `$E2E_CODEMOD <copy-dir>` instead of the real CLI
#                       (only to validate the harness by hand; reported in the results)
#   E2E_TIME_LIMIT      overall limit in seconds (default 180)
#   E2E_KEEP_WORK       keep the temp dir's logs and JSON summaries (the cluster is still deleted)
set -Eeuo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
if [[ "${E2E_SNAPSHOT:-}" == 1 ]]; then RESULTS_MD="$SCRIPT_DIR/results.md"; else RESULTS_MD="$SCRIPT_DIR/out/results.md"; fi
mkdir -p "$(dirname "$RESULTS_MD")"
API_DIR="$REPO_ROOT/examples/api"
TIME_LIMIT="${E2E_TIME_LIMIT:-180}"

# Hard bound on the whole run: re-exec under timeout(1) once. The EXIT trap below still cleans up.
if [[ -z "${E2E_UNDER_TIMEOUT:-}" ]] && command -v timeout >/dev/null 2>&1; then
  export E2E_UNDER_TIMEOUT=1
  set +e
  timeout --kill-after=15 "$TIME_LIMIT" bash "${BASH_SOURCE[0]}" "$@" </dev/null
  rc=$?
  set -e
  if [[ $rc -eq 124 ]]; then
    echo "e2e: FAILED: did not finish within ${TIME_LIMIT}s" >&2
  fi
  exit "$rc"
fi

T0=$(date +%s)
log() { printf '[e2e %3ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
FAIL_REASON=""
die() {
  printf 'e2e: FAILED: %s\n' "$*" >&2
  FAIL_REASON="$*"
  exit 1
}

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
SECONDS_PER_PHASE="${E2E_SECONDS:-6}"
CONCURRENCY="${E2E_CONCURRENCY:-48}"
MAX_REQUESTS="${E2E_MAX_REQUESTS:-20000}"
MAX_CONNECTIONS="${E2E_MAX_CONNECTIONS:-20}"
POOL_MAX=10 # node-postgres' default Pool max, which @prisma/adapter-pg keeps
PEAK_LIMIT=$((POOL_MAX + 1))
DB_NAME=app_e2e
DB_USER=app_e2e

# ---------------------------------------------------------------- prerequisites
for tool in initdb pg_ctl postgres psql; do
  if [[ ! -x "$PG_BIN/$tool" ]]; then
    cat >&2 <<EOF
e2e: FAILED: PostgreSQL server binaries not found ($PG_BIN/$tool is missing).
  The end-to-end proof needs a local PostgreSQL 15 server. Install it:
    Debian/Ubuntu:  apt-get install -y postgresql-15
  or point PG_BIN at the bin/ folder of an installed PostgreSQL (e.g. PG_BIN=/usr/lib/postgresql/15/bin).
EOF
    exit 1
  fi
done
command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
PG_VERSION="$("$PG_BIN/postgres" --version)"
[[ "$PG_VERSION" == *" 15."* ]] || log "warning: expected PostgreSQL 15, found: $PG_VERSION"

# The server refuses to run as root: run the server tools as `postgres` when we are root.
if [[ $EUID -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as (install postgresql-15, which creates it)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# ---------------------------------------------------------------- cleanup (always)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/prisma-singleton-e2e.XXXXXX")"
PGDATA="$WORK/pgdata"
API_PID=""
PG_STARTED=""
PG_FATALS_SEEN=0

stop_api() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_api
  # A run that failed after the before phase still prints and records what it measured.
  if [[ $rc -ne 0 && -z "$REPORTED" && -f "$WORK/before.json" ]]; then
    write_report || true
  fi
  if [[ -n "$PG_STARTED" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  if [[ $rc -ne 0 && -f "$WORK/pg.log" ]]; then
    echo "---- last lines of the PostgreSQL log ----" >&2
    tail -n 15 "$WORK/pg.log" >&2 || true
  fi
  if [[ -n "${E2E_KEEP_WORK:-}" ]]; then
    rm -rf "$PGDATA"
    echo "e2e: kept logs and summaries in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

REPORTED=""
write_report() { # prints the table, writes $RESULTS_MD; non-zero when an expectation fails
  REPORTED=1
  local phase
  for phase in before after; do
    [[ -f "$WORK/$phase.api" ]] || echo "not run" >"$WORK/$phase.api"
    [[ -f "$WORK/$phase.pgfatals" ]] || echo "-" >"$WORK/$phase.pgfatals"
  done
  BEFORE_JSON="$WORK/before.json" AFTER_JSON="$WORK/after.json" PEAK_LIMIT="$PEAK_LIMIT" POOL_MAX="$POOL_MAX" \
    MAX_CONNECTIONS="$MAX_CONNECTIONS" BEFORE_CLIENTS="${BEFORE_CLIENTS:--}" AFTER_CLIENTS="${AFTER_CLIENTS:--}" \
    ELAPSED="$(($(date +%s) - T0))" PG_VERSION="$PG_VERSION" CODEMOD_DESC="${CODEMOD_DESC:-not run}" \
    SECONDS_PER_PHASE="$SECONDS_PER_PHASE" CONCURRENCY="$CONCURRENCY" FAIL_REASON="$FAIL_REASON" \
    BEFORE_API="$(cat "$WORK/before.api")" AFTER_API="$(cat "$WORK/after.api")" \
    BEFORE_PG_FATALS="$(cat "$WORK/before.pgfatals")" AFTER_PG_FATALS="$(cat "$WORK/after.pgfatals")" \
    RESULTS_MD="$RESULTS_MD" node "$SCRIPT_DIR/report.mjs"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

log "repo: $REPO_ROOT; work dir: $WORK; $PG_VERSION"

# ---------------------------------------------------------------- install + generate
log "npm ci in examples/api"
(cd "$API_DIR" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm-ci.log" 2>&1) ||
  { cat "$WORK/npm-ci.log" >&2; die "npm ci in examples/api failed"; }

generate_client() { # $1 = api dir
  (cd "$1" && PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 \
    ./node_modules/.bin/prisma generate >"$WORK/generate.log" 2>&1) ||
    { cat "$WORK/generate.log" >&2; die "prisma generate failed in $1"; }
}
log "prisma generate (offline)"
generate_client "$API_DIR"

# ---------------------------------------------------------------- PostgreSQL
PG_PORT="$(free_port)"
mkdir -p "$PGDATA" "$WORK/sock"
chmod 755 "$WORK"
[[ $EUID -eq 0 ]] && chown postgres: "$PGDATA" "$WORK/sock"
log "initdb + start PostgreSQL on 127.0.0.1:$PG_PORT (max_connections=$MAX_CONNECTIONS)"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
  >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
cat >>"$PGDATA/postgresql.conf" <<EOF
# added by examples/e2e/run.sh
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/sock'
max_connections = $MAX_CONNECTIONS
superuser_reserved_connections = 0
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
touch "$WORK/pg.log"
[[ $EUID -eq 0 ]] && chown postgres: "$WORK/pg.log"
PG_STARTED=1
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg.log" -w -t 30 start >/dev/null || die "PostgreSQL did not start"

PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT")
"${PSQL[@]}" -U postgres -d postgres -c "CREATE ROLE $DB_USER LOGIN" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" ||
  die "could not create the database"
"${PSQL[@]}" -U "$DB_USER" -d "$DB_NAME" -f "$API_DIR/prisma/init.sql" -f "$API_DIR/prisma/seed.sql" >/dev/null ||
  die "could not create the tables"
# No slots are reserved for superusers, so once the app's pools hold every slot, the next connection
# attempt gets PostgreSQL's own `FATAL: sorry, too many clients already` (SQLSTATE 53300) as in the
# incident (with reserved slots a non-superuser gets "remaining connection slots are reserved ..."
# instead, same SQLSTATE). The sampler connects before the load and keeps its one connection, to the
# `postgres` database so that it never counts itself.
export DATABASE_URL="postgresql://$DB_USER@127.0.0.1:$PG_PORT/$DB_NAME"
ADMIN_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"

db_connections() {
  "${PSQL[@]}" -U postgres -d postgres -At -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB_NAME'"
}

# ---------------------------------------------------------------- one phase
start_api() { # $1 = api dir, $2 = label
  local port
  port="$(free_port)"
  (cd "$1" && exec env PORT="$port" HOST=127.0.0.1 NODE_ENV=production node dist/index.js) >"$WORK/api-$2.log" 2>&1 &
  API_PID=$!
  API_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api-$2.log" >&2; die "$2: the API exited at start"; }
    if node -e "require('http').get('$API_URL/__ready',r=>process.exit(r.statusCode===404?0:1)).on('error',()=>process.exit(1))"; then
      return 0
    fi
    sleep 0.1
  done
  cat "$WORK/api-$2.log" >&2
  die "$2: the API did not start listening"
}

run_phase() { # $1 = api dir, $2 = label
  log "$2: starting the API"
  start_api "$1" "$2"
  log "$2: load: ${SECONDS_PER_PHASE}s, $CONCURRENCY concurrent, at most $MAX_REQUESTS requests, 13 routes"
  node "$SCRIPT_DIR/load.mjs" --base-url "$API_URL" --admin-url "$ADMIN_URL" --db "$DB_NAME" \
    --label "$2" --out "$WORK/$2.json" --api-dir "$API_DIR" \
    --seconds "$SECONDS_PER_PHASE" --concurrency "$CONCURRENCY" --max-requests "$MAX_REQUESTS" ||
    die "$2: the load generator failed"
  if kill -0 "$API_PID" 2>/dev/null; then
    echo alive >"$WORK/$2.api"
  else
    echo crashed >"$WORK/$2.api"
    log "$2: the API process died during the load; its log:"
    tail -n 20 "$WORK/api-$2.log" >&2 || true
  fi
  stop_api
  local fatals
  fatals="$(grep -c 'FATAL:  sorry, too many clients already' "$WORK/pg.log" || true)"
  echo "$((fatals - PG_FATALS_SEEN))" >"$WORK/$2.pgfatals"
  PG_FATALS_SEEN=$fatals
  # Let the server reap the closed backends before the next phase.
  for _ in $(seq 1 100); do [[ "$(db_connections)" == 0 ]] && break; sleep 0.1; done
}

# `new PrismaClient(` in the app's own sources (the generated client is left out).
client_files() { grep -rl --include='*.ts' --exclude-dir=generated 'new PrismaClient(' "$1" || true; }
count_client_files() { { grep -ro --include='*.ts' --exclude-dir=generated 'new PrismaClient(' "$1" || true; } | wc -l | tr -d ' '; }

# ---------------------------------------------------------------- BEFORE
log "before: type-check + build examples/api"
(cd "$API_DIR" && ./node_modules/.bin/tsc -p tsconfig.json >"$WORK/tsc-before.log" 2>&1) ||
  { cat "$WORK/tsc-before.log" >&2; die "before: examples/api does not type-check"; }
BEFORE_CLIENTS="$(count_client_files "$API_DIR/src")"
run_phase "$API_DIR" before

# ---------------------------------------------------------------- AFTER
AFTER_DIR="$WORK/after/api"
mkdir -p "$AFTER_DIR"
# A clean checkout's view of the example: no node_modules, build output or generated client.
tar -C "$API_DIR" --exclude=./node_modules --exclude=./dist --exclude=./src/generated -cf - . | tar -C "$AFTER_DIR" -xf -

if [[ -n "${E2E_CODEMOD:-}" ]]; then
  CODEMOD_DESC="E2E_CODEMOD override: $E2E_CODEMOD"
  log "after: WARNING: not the real CLI, running $CODEMOD_DESC"
  read -r -a CODEMOD_CMD <<<"$E2E_CODEMOD"
else
  CODEMOD_DESC="node bin/prisma-singleton-codemod.js"
  CODEMOD_CMD=(node "$REPO_ROOT/bin/prisma-singleton-codemod.js")
  # bin/ loads dist/cli/main.js: build it when missing or older than src/.
  CLI_JS="$REPO_ROOT/dist/cli/main.js"
  if [[ ! -f "$CLI_JS" ]] || [[ -n "$(find "$REPO_ROOT/src" -name '*.ts' -newer "$CLI_JS" -print -quit 2>/dev/null)" ]]; then
    [[ -f "$REPO_ROOT/src/cli/main.ts" ]] ||
      die "after: the codemod CLI is not there: bin/prisma-singleton-codemod.js loads dist/cli/main.js, which is not built, and src/cli/main.ts does not exist"
    log "after: building the codemod (npm run build)"
    [[ -d "$REPO_ROOT/node_modules" ]] || die "the codemod's dependencies are not installed: run 'npm ci' at the repo root first"
    (cd "$REPO_ROOT" && npm run build --silent >"$WORK/build.log" 2>&1) ||
      { cat "$WORK/build.log" >&2; die "after: 'npm run build' of the codemod failed"; }
    [[ -f "$CLI_JS" ]] || die "after: 'npm run build' did not produce dist/cli/main.js"
  fi
fi
log "after: running the codemod on a copy ($CODEMOD_DESC)"
"${CODEMOD_CMD[@]}" "$AFTER_DIR" </dev/null >"$WORK/codemod.log" 2>&1 ||
  { cat "$WORK/codemod.log" >&2; die "after: the codemod exited non-zero"; }
sed 's/^/  codemod| /' "$WORK/codemod.log" | tail -n 25
AFTER_CLIENTS="$(count_client_files "$AFTER_DIR/src")"
log "after: 'new PrismaClient(' left in src: $AFTER_CLIENTS (before: $BEFORE_CLIENTS), in:"
client_files "$AFTER_DIR/src" | sed "s|^$AFTER_DIR/|  |"

ln -s "$API_DIR/node_modules" "$AFTER_DIR/node_modules"
log "after: prisma generate + type-check + build the migrated copy"
generate_client "$AFTER_DIR"
(cd "$AFTER_DIR" && ./node_modules/.bin/tsc -p tsconfig.json >"$WORK/tsc-after.log" 2>&1) ||
  { cat "$WORK/tsc-after.log" >&2; die "after: the migrated example does not type-check"; }
run_phase "$AFTER_DIR" after

# ---------------------------------------------------------------- report
write_report
