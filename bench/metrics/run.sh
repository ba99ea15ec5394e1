#!/usr/bin/env bash
# What one Prometheus scrape costs the host (issue 6: "well under a
# millisecond of host time with 10,000 suites and 100,000 tasks").
#
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DMOTEL_BUILD_TESTS=OFF
#   cmake --build build-release --target motel-host auth suites tasks health metrics -j2
#   bench/metrics/run.sh build-release
#
# Builds nothing itself. In a temp dir: `motel-host migrate` creates the
# schema (plugins auth,suites,tasks,health,metrics on SQLite), the sqlite3 CLI
# inserts SUITES suites and TASKS tasks in one transaction (statuses cycling
# pending / in_progress / completed), then the host is started on a free
# 127.0.0.1 port and
#   wrk -t1 -c1 -d$DURATION --latency http://127.0.0.1:PORT/metrics/prometheus
# runs against it (after a WARMUP run). Host CPU per scrape = the host's
# utime+stime delta (from /proc/PID/stat) over the measured wrk run divided
# by the number of requests wrk completed; one connection, so requests are
# sequential and that CPU is the scrape alone. Also checks that the scrape
# reports motel_suites_total = SUITES and motel_tasks_total = TASKS.
#
# Environment: SUITES (10000), TASKS (100000), DURATION (5s), WARMUP (1s),
# LOG_LEVEL (warning), KEEP=1 keeps the temp dir. Needs wrk, curl, sqlite3,
# python3 (free port). The host is stopped by its pid on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
BUILD=${1:-$ROOT/build-release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
SUITES=${SUITES:-10000}
TASKS=${TASKS:-100000}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-1s}
LOG_LEVEL=${LOG_LEVEL:-warning}

for tool in wrk curl sqlite3 python3; do
    command -v $tool >/dev/null || { echo "$tool missing (apt-get install -y $tool)" >&2; exit 1; }
done
HOST_BIN=$BUILD/bin/motel-host
PLUGINS_DIR=$BUILD/lib/motel/plugins
[[ -x $HOST_BIN ]] || { echo "no $HOST_BIN: build motel-host first" >&2; exit 1; }
for plugin in auth suites tasks health metrics; do
    [[ -f $PLUGINS_DIR/$plugin.so ]] || { echo "no $PLUGINS_DIR/$plugin.so: build it first" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/motel-metrics-bench.XXXXXX)
HOST_PID=
cleanup() {
    if [[ -n $HOST_PID ]]; then
        kill -TERM "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    if [[ ${KEEP:-0} = 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PORT=$(bench_free_port)
BASE=http://127.0.0.1:$PORT
DB=$WORK/motel.db
CONFIG=$WORK/motel.properties
cat >"$CONFIG" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $PORT
plugins.dir = $PLUGINS_DIR
plugins.load = auth,suites,tasks,health,metrics
db.url = sqlite:$DB
jwt.secret = metrics-bench-secret-metrics-bench-secret-metrics-bench-secret-01
log.level = $LOG_LEVEL
CONF

echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(uname -sr)"
echo "build: $BUILD ($(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2))"

"$HOST_BIN" --config="$CONFIG" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }

# Rows as the plugins write them (columns from SuiteMigrations.cpp and
# TaskMigrations.cpp; values from the plugins' enumerations).
started=$(date +%s.%N)
sqlite3 "$DB" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SUITES)
INSERT INTO suites (number, name, floor, type, occupancy, condition, service_state, notes, version, created_at, updated_at)
SELECT printf('S%05d', i), NULL, 1 + i / 100, 'standard',
       CASE i % 2 WHEN 0 THEN 'vacant' ELSE 'occupied' END,
       CASE i % 3 WHEN 0 THEN 'dirty' WHEN 1 THEN 'clean' ELSE 'inspected' END,
       'in_service', NULL, 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $TASKS)
INSERT INTO tasks (suite_id, type, title, description, priority, priority_rank, status, assignee_id, due_at,
                   started_at, completed_at, created_by_id, blocks_suite, outcome, outcome_note, version,
                   created_at, updated_at)
SELECT 1 + i % $SUITES,
       CASE i % 4 WHEN 0 THEN 'cleaning' WHEN 1 THEN 'inspection' WHEN 2 THEN 'maintenance' ELSE 'other' END,
       'Bench task ' || i, NULL,
       CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' ELSE 'urgent' END, i % 4,
       CASE i % 3 WHEN 0 THEN 'pending' WHEN 1 THEN 'in_progress' ELSE 'completed' END,
       NULL, '2024-01-02T00:00:00.000Z',
       CASE WHEN i % 3 > 0 THEN '2024-01-01T01:00:00.000Z' END,
       CASE WHEN i % 3 = 2 THEN '2024-01-01T02:00:00.000Z' END,
       NULL, 0, NULL, NULL, 1, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'
FROM n;
COMMIT;
SQL
echo "seeded: $(sqlite3 "$DB" 'SELECT count(*) FROM suites') suites," \
    "$(sqlite3 "$DB" "SELECT group_concat(status || '=' || c, ' ') FROM (SELECT status, count(*) c FROM tasks GROUP BY status)")" \
    "in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"

"$HOST_BIN" --config="$CONFIG" serve >"$WORK/host.log" 2>&1 &
HOST_PID=$!
up=0
for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "$BASE/health/live"; then up=1; break; fi
    kill -0 "$HOST_PID" 2>/dev/null || break
    sleep 0.1
done
[[ $up = 1 ]] || { echo "host did not start:" >&2; tail -n 20 "$WORK/host.log" >&2; exit 1; }

URL=$BASE/metrics/prometheus
curl -fsS "$URL" >"$WORK/scrape.txt"
value() { awk -v name="$1" '$1 == name {print $2}' "$WORK/scrape.txt"; }
suites_total=$(value motel_suites_total)
tasks_total=$(value motel_tasks_total)
echo "scrape: $(wc -c <"$WORK/scrape.txt") bytes, $(grep -vc '^#' "$WORK/scrape.txt") samples;" \
    "motel_suites_total=$suites_total motel_tasks_total=$tasks_total" \
    "motel_tasks_pending=$(value motel_tasks_pending) motel_tasks_in_progress=$(value motel_tasks_in_progress)"
check=ok
awk -v a="$suites_total" -v b="$SUITES" 'BEGIN {exit !(a + 0 == b + 0)}' || check="FAILED (suites)"
awk -v a="$tasks_total" -v b="$TASKS" 'BEGIN {exit !(a + 0 == b + 0)}' || check="FAILED (tasks)"
echo "counts check: $check"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$HOST_PID/stat"; } # utime + stime, in clock ticks
HZ=$(getconf CLK_TCK)
wrk -t1 -c1 -d"$WARMUP" "$URL" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(cpu_ticks)
wrk -t1 -c1 -d"$DURATION" --latency "$URL" >"$WORK/wrk.out"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.out")
grep -E 'Socket errors' "$WORK/wrk.out" || true
cpu_us=$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
echo "wrk -t1 -c1 -d$DURATION: $requests requests, $rps req/s, p50 $p50, p99 $p99, non-2xx ${non2xx:-0}"
echo "host CPU: $((after - before)) ticks (HZ $HZ) over $requests scrapes = $cpu_us us per scrape"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| suites | tasks | scrapes | req/s | p50 | p99 | host CPU per scrape | counts |"
echo "|---:|---:|---:|---:|---:|---:|---:|---|"
echo "| $SUITES | $TASKS | $requests | $rps | $p50 | $p99 | $cpu_us µs | $check |"
[[ $check = ok ]]
