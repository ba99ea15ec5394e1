#!/usr/bin/env bash
# The suites and tasks plugins under load (issue 4): an authenticated
# `GET /api/suites?limit=50` and `POST /api/tasks`, on SQLite and on
# PostgreSQL, each with a real motel-host (plugins health,auth,suites,tasks)
# started here on a free 127.0.0.1 port.
#
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-release --target motel-host health auth suites tasks -j2
#   bench/domain/run.sh build-release            # both databases
#   bench/domain/run.sh build-release sqlite     # or: postgresql
#
# Builds nothing itself. Per database: seeds the demo data (`motel-host
# seed`: 30 suites, demo users and tasks), adds suites through the API up to
# SUITES so a page of 50 is full, starts the host, logs in as
# MOTEL_ADMIN_EMAIL, warms up, then
#   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -H "Authorization: Bearer ..." URL
# on GET /api/suites?limit=50, and the same with post-task.lua for
# POST /api/tasks (a unique title per request, suiteId cycling over the
# suites), the list again, and the two reference runs (REFERENCE). Prints
# req/s, p50, p99 and non-2xx counts (the 404 reference is all non-2xx by
# design), plus the machine (nproc, CPU, load average before each run).
#
# PostgreSQL is a throwaway server from scripts/test-services/postgres (as
# the test fixture runs it: fsync=off, synchronous_commit=off, so the POST
# figures do not include a disk flush per commit); a database `motel_bench`
# is created in it. Everything started here is stopped by its pid on exit.
#
# Environment: DURATION (10s), CONNECTIONS (64), THREADS (2), WARMUP (2s),
# SUITES (60), DB_POOL and WORKERS (db.pool.size and http.workers; host
# defaults), REQUESTS ("list post list-again": which runs, in that order),
# RUNS (1: repeat the POST run that many times on the same host, for the
# spread of its p99), LOG_LEVEL (warning), PLUGINS_DIR
# (the build's plugins; another folder with health/auth/suites/tasks .so
# files compares two versions of the plugins under the same host),
# MOTEL_ADMIN_EMAIL / MOTEL_ADMIN_PASSWORD (bench@motel.test / bench-password),
# REFERENCE (1: also measure /health/live and an authenticated 404 on the
# same host, for scale), ROUND_TRIPS=1 (also compile and run PgRoundTrips.cpp
# against the PostgreSQL server: what one statement costs the way Poco's
# connector ran it, and prepared once as the database layer runs it now;
# needs g++ and libpq-dev), instructions.sh for load-independent counts,
# PG_WAITS=1 samples PostgreSQL's pg_stat_activity every 20 ms during each
# run and prints the most frequent wait events, KEEP=1 keeps the temp dir (host logs), PERF=1 records each run with
# `perf record -g` on the host and prints the top of `perf report` (self
# time by library and symbol). Every run also prints the CPU time the host
# and PostgreSQL (all its backends) spent per request, from /proc/<pid>/stat:
# steadier than req/s on a shared machine. Needs wrk, curl, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
export BENCH_LIB=$ROOT/bench/lib # motel_api.py for the Python steps
HERE=$ROOT/bench/domain
BUILD=${1:-$ROOT/build-release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DATABASES=${2:-sqlite postgresql}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
SUITES=${SUITES:-60}
REFERENCE=${REFERENCE:-1}
REQUESTS=${REQUESTS:-list post list-again}
RUNS=${RUNS:-1}
LOG_LEVEL=${LOG_LEVEL:-warning}
export MOTEL_ADMIN_EMAIL=${MOTEL_ADMIN_EMAIL:-bench@motel.test}
export MOTEL_ADMIN_PASSWORD=${MOTEL_ADMIN_PASSWORD:-bench-password}

for tool in wrk curl python3; do command -v $tool >/dev/null || { echo "$tool missing" >&2; exit 1; }; done
HOST_BIN=$BUILD/bin/motel-host
PLUGINS_DIR=${PLUGINS_DIR:-$BUILD/lib/motel/plugins}
[[ -x $HOST_BIN ]] || { echo "no $HOST_BIN: build motel-host first" >&2; exit 1; }
for plugin in health auth suites tasks; do
    [[ -f $PLUGINS_DIR/$plugin.so ]] || { echo "no $PLUGINS_DIR/$plugin.so: build it first" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/motel-domain-bench.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL server runs as another user when we are root
HOST_PID=
PG_DIR=
PG_PID=
MEASURED=0
cleanup() {
    stop_host
    [[ -n $PG_DIR ]] && bench_stop_postgres "$PG_DIR"
    if [[ ${KEEP:-0} = 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
stop_host() {
    if [[ -n $HOST_PID ]]; then
        kill -TERM "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
        HOST_PID=
    fi
}
trap cleanup EXIT

machine() {
    echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(uname -sr)"
    echo "build: $BUILD ($(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2))"
}

# Writes the host config for `db_url` to $WORK/<name>.properties.
write_config() { # name, db_url, port
    local pool=
    [[ -n ${DB_POOL:-} ]] && pool="db.pool.size = $DB_POOL"
    [[ -n ${WORKERS:-} ]] && pool="$pool
http.workers = $WORKERS"
    cat >"$WORK/$1.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $3
plugins.dir = $PLUGINS_DIR
plugins.load = health,auth,suites,tasks
db.url = $2
$pool
jwt.secret = domain-bench-secret-domain-bench-secret-domain-bench-secret-0001
log.level = $LOG_LEVEL
plugins.auth.loginMaxAttempts = 1000000
CONF
}

start_host() { # name
    local config=$WORK/$1.properties
    "$HOST_BIN" --config="$config" seed >"$WORK/$1-seed.log" 2>&1 || { cat "$WORK/$1-seed.log" >&2; exit 1; }
    "$HOST_BIN" --config="$config" serve >"$WORK/$1-host.log" 2>&1 &
    HOST_PID=$!
    bench_wait_live "$BASE" "$HOST_PID" "$WORK/$1-host.log" || exit 1
}

# Logs in, adds suites up to $SUITES through the API, and prints the token;
# the suite ids go to $WORK/suite-ids.
prepare() {
    python3 - "$BASE" "$SUITES" "$WORK/suite-ids" <<'PY'
import os, sys
base, wanted, ids_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, os.environ["BENCH_LIB"])
import motel_api
def call(method, path, body=None, token=None):
    return motel_api.call(base, method, path, body, token)
token = motel_api.login(base)
have = call("GET", "/api/suites?limit=1", token=token)["total"]
for n in range(have, wanted):
    call("POST", "/api/suites", {"number": "B%03d" % n, "floor": 9, "type": "standard"}, token)
ids = [s["id"] for s in call("GET", "/api/suites?limit=200", token=token)["data"]]
open(ids_file, "w").write(",".join(map(str, ids)))
print(token)
PY
}

# One wrk run; prints the summary line and keeps wrk's output.
measure() { # label, wrk arguments...
    local label=$1
    shift
    local out=$WORK/wrk.out
    echo "-- $label   (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    local host_before pg_before host_after pg_after
    host_before=$(bench_cpu_ticks "$HOST_PID")
    pg_before=$(bench_cpu_ticks ${PG_PID:-})
    local perf_pid= perf_data=$WORK/perf-$((++MEASURED)).data
    if [[ ${PERF:-0} = 1 ]]; then
        perf record -q -g -F 999 -p "$HOST_PID" -o "$perf_data" 2>/dev/null &
        perf_pid=$!
    fi
    local waits_pid= waits=$WORK/waits-$MEASURED.txt
    if [[ ${PG_WAITS:-0} = 1 && -n ${DB_URL_PG:-} ]]; then
        sample_waits "$waits" &
        waits_pid=$!
    fi
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out"
    if [[ -n $waits_pid ]]; then
        kill "$waits_pid" 2>/dev/null || true
        wait "$waits_pid" 2>/dev/null || true
        echo "   PostgreSQL client backends sampled every 20 ms (wait event : state : statement), most frequent:"
        sort "$waits" | uniq -c | sort -rn | head -n 12 | sed 's/^/     /'
    fi
    if [[ -n $perf_pid ]]; then
        kill -INT "$perf_pid" 2>/dev/null || true
        wait "$perf_pid" 2>/dev/null || true
        echo "   perf profile of the host ($perf_data; top entries, self time):"
        perf report -i "$perf_data" --no-children --sort dso,symbol --stdio 2>/dev/null |
            grep -E '^ +[0-9]' | sed -E 's/ +/ /g; s/( -)+ *$//; s/^/     /' | head -n "${PERF_TOP:-25}" || true
    fi
    host_after=$(bench_cpu_ticks "$HOST_PID")
    pg_after=$(bench_cpu_ticks ${PG_PID:-})
    local rps p50 p99 errors requests host_us pg_us
    requests=$(awk '/requests in/ {print $1}' "$out")
    host_us=$(awk -v t=$((host_after - host_before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.0f", n ? t * 1e6 / hz / n : 0}')
    pg_us=-
    [[ -n ${PG_PID:-} ]] && pg_us=$(awk -v t=$((pg_after - pg_before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.0f", n ? t * 1e6 / hz / n : 0}')
    rps=$(awk '/Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errors=$(awk '/Non-2xx/ {print $NF}' "$out")
    grep -E 'Socket errors' "$out" || true
    printf '   %-34s %10s req/s   p50 %-9s p99 %-9s non-2xx %s   CPU/request: host %s us, PostgreSQL %s us\n' \
        "$label" "$rps" "$p50" "$p99" "${errors:-0}" "$host_us" "$pg_us"
    echo "$DB_NAME|$label|$rps|$p50|$p99|${errors:-0}|$host_us|$pg_us" >>"$WORK/results"
}

# Samples what PostgreSQL's client backends are doing (pg_stat_activity)
# every 20 ms into FILE until killed: lock waits and I/O show up by name.
sample_waits() { # file
    local pgbin
    pgbin=$(bench_pg_bin)
    while :; do
        PGPASSWORD=motel "${pgbin:+$pgbin/}psql" -At "$DB_URL_PG" -c "SELECT coalesce(wait_event_type, 'CPU') || ':' ||
            coalesce(wait_event, '-') || ' : ' || state || ' : ' || left(query, 40) FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" >>"$1" 2>/dev/null || true
        sleep 0.02
    done
}

bench_database() { # name (sqlite|postgresql), db_url
    DB_NAME=$1
    local port
    port=$(bench_free_port)
    BASE=http://127.0.0.1:$port
    write_config "$1" "$2" "$port"
    start_host "$1"
    local token
    token=$(prepare)
    local auth="Authorization: Bearer $token"
    local run_tag
    run_tag=$(date +%s)-$1
    echo "== $1: $(awk -F, '{print NF}' "$WORK/suite-ids") suites, host pid $HOST_PID on $BASE"
    local list=$BASE/api/suites?limit=50
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$auth" "$list" >/dev/null
    local run
    for run in $REQUESTS; do
        case $run in
        list) measure "GET /api/suites?limit=50" -H "$auth" "$list" ;;
        post)
            local round
            for round in $(seq "$RUNS"); do
                measure "POST /api/tasks" -H "$auth" -H 'Content-Type: application/json' -s "$HERE/post-task.lua" \
                    "$BASE/api/tasks" -- "$run_tag-$round" "$(cat "$WORK/suite-ids")"
            done
            ;;
        list-again) measure "GET /api/suites?limit=50 (again)" -H "$auth" "$list" ;;
        *) echo "unknown request '$run' (list, post, list-again)" >&2; exit 2 ;;
        esac
    done
    if [[ $REFERENCE = 1 ]]; then
        # What any request costs on this host without the plugins' work: the
        # floor (public, no token) and the ceiling of an authenticated route
        # (the token check and the auth plugin's user look-up, then 404).
        measure "ref: GET /health/live" "$BASE/health/live"
        measure "ref: GET /api/nothing (token, 404)" -H "$auth" "$BASE/api/nothing"
    fi
    stop_host
}

machine
: >"$WORK/results"
for database in $DATABASES; do
    case $database in
    sqlite) bench_database sqlite "sqlite:$WORK/motel.db" ;;
    postgresql | postgres)
        PG_DIR=$WORK/pg
        db_url=$(bench_start_postgres "$PG_DIR" motel_bench)
        PG_PID=$(head -n 1 "$PG_DIR/postgres/data/postmaster.pid")
        pgbin=$(bench_pg_bin)
        echo "PostgreSQL: $("${pgbin:+$pgbin/}postgres" --version)"
        DB_URL_PG=$db_url
        bench_database postgresql "$db_url"
        if [[ ${ROUND_TRIPS:-0} = 1 ]]; then
            echo "-- one list statement over libpq (PgRoundTrips.cpp), one connection"
            g++ -std=c++17 -O2 -I/usr/include/postgresql "$HERE/PgRoundTrips.cpp" -lpq -o "$WORK/pg-round-trips"
            "$WORK/pg-round-trips" "$db_url" 5000
        fi
        bench_stop_postgres "$PG_DIR"
        PG_DIR=
        PG_PID=
        ;;
    *) echo "unknown database '$database' (sqlite or postgresql)" >&2; exit 2 ;;
    esac
done

echo
echo "| database | request | req/s | p50 | p99 | non-2xx | host CPU µs/req | PostgreSQL CPU µs/req |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
awk -F'|' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$WORK/results"
