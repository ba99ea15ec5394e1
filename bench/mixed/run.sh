#!/usr/bin/env bash
# Mixed workload (issue 9): a real motel-host (health, auth, suites, tasks,
# realtime) under a sustained mix of 90% reads and 10% writes from wrk
# (mixed.lua) while 500 socket.io-client websocket clients listen
# (listeners.cjs) and receive every write as an event. Reports throughput,
# p50/p99 latency, errors (non-2xx, socket errors, failed or dropped
# Socket.IO clients: all must be 0) and the host's peak RSS (VmHWM).
#
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-release --target motel-host health auth suites tasks realtime -j2
#   bench/mixed/run.sh build-release                    # SQLite, 60 s
#   bench/mixed/run.sh build-release postgresql 300     # PostgreSQL, 5 minutes
#
# Environment: RATE (1000: the target requests/s, paced per connection;
# 0 = as fast as the host answers), CLIENTS (500 Socket.IO listeners),
# CONNECTIONS (32 wrk connections), THREADS (2), SUITES (60), TASKS (60), WARMUP (3s),
# CLIENT_MODULES (a node_modules with socket.io-client; default: `npm ci` of
# tests/integration/realtime/client into the temp dir, or the copy a test
# build already installed in build*/tests/realtime-client), KEEP=1 keeps the
# temp dir. PostgreSQL is a throwaway server from scripts/test-services
# (fsync=off, synchronous_commit=off). Needs wrk, curl, python3, node.
# Exits non-zero when any error was counted.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
export BENCH_LIB=$ROOT/bench/lib # motel_api.py for the Python steps
HERE=$ROOT/bench/mixed
BUILD=${1:-$ROOT/build-release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DATABASE=${2:-sqlite}
SECONDS_TOTAL=${3:-60}
CLIENTS=${CLIENTS:-500}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SUITES=${SUITES:-60}
TASKS=${TASKS:-60}
WARMUP=${WARMUP:-3s}
RATE=${RATE:-1000}
export MOTEL_ADMIN_EMAIL=bench@motel.test
export MOTEL_ADMIN_PASSWORD=bench-password

for tool in wrk curl python3 node; do command -v $tool >/dev/null || { echo "$tool missing" >&2; exit 1; }; done
HOST_BIN=$BUILD/bin/motel-host
PLUGINS_DIR=$BUILD/lib/motel/plugins
[[ -x $HOST_BIN ]] || { echo "no $HOST_BIN: build motel-host first" >&2; exit 1; }
for plugin in health auth suites tasks realtime; do
    [[ -f $PLUGINS_DIR/$plugin.so ]] || { echo "no $PLUGINS_DIR/$plugin.so: build it first" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[[ "$(ulimit -n)" -ge $((CLIENTS + 512)) ]] || { echo "ulimit -n is $(ulimit -n), too low for $CLIENTS clients" >&2; exit 1; }

WORK=$(mktemp -d /tmp/motel-mixed-bench.XXXXXX)
chmod 755 "$WORK" # the PostgreSQL server runs as another user when we are root
HOST_PID=
LISTENERS_PID=
PG_DIR=
cleanup() {
    [[ -n $LISTENERS_PID ]] && kill "$LISTENERS_PID" 2>/dev/null || true
    if [[ -n $HOST_PID ]]; then
        kill -TERM "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    [[ -n $PG_DIR ]] && bench_stop_postgres "$PG_DIR"
    if [[ ${KEEP:-0} = 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# socket.io-client: given, already installed by a test build, or npm ci.
if [[ -z ${CLIENT_MODULES:-} ]]; then
    for candidate in "$BUILD" "$ROOT"/build*; do
        if [[ -f $candidate/tests/realtime-client/node_modules/socket.io-client/package.json ]]; then
            CLIENT_MODULES=$candidate/tests/realtime-client/node_modules
            break
        fi
    done
fi
if [[ -z ${CLIENT_MODULES:-} ]]; then
    cp "$ROOT/tests/integration/realtime/client/package.json" "$ROOT/tests/integration/realtime/client/package-lock.json" "$WORK/"
    (cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    CLIENT_MODULES=$WORK/node_modules
fi
export CLIENT_MODULES

[[ $DATABASE == sqlite ]] || PG_DIR=$WORK/pg
DB_URL=$(bench_database_url "$DATABASE" "$WORK" motel_mixed) || exit 2

PORT=$(bench_free_port)
BASE=http://127.0.0.1:$PORT
cat >"$WORK/motel.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $PORT
plugins.dir = $PLUGINS_DIR
plugins.load = health,auth,suites,tasks,realtime
db.url = $DB_URL
jwt.secret = mixed-bench-secret-mixed-bench-secret-mixed-bench-secret-00001
log.level = warning
plugins.auth.loginMaxAttempts = 1000000
CONF
"$HOST_BIN" --config="$WORK/motel.properties" serve >"$WORK/host.log" 2>&1 &
HOST_PID=$!
bench_wait_live "$BASE" "$HOST_PID" "$WORK/host.log" || exit 1

# Token, suites and tasks to read and write; ids go to $WORK/suite-ids, task-ids.
TOKEN=$(python3 - "$BASE" "$SUITES" "$TASKS" "$WORK" <<'PY'
import os, sys
base, suites, tasks, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, os.environ["BENCH_LIB"])
import motel_api
def call(method, path, body=None, token=None):
    return motel_api.call(base, method, path, body, token)
token = motel_api.login(base)
suite_ids = [call("POST", "/api/suites", {"number": "M%03d" % n, "floor": 1 + n // 20}, token)["id"]
             for n in range(suites)]
task_ids = [call("POST", "/api/tasks", {"type": "cleaning", "title": "Seed %d" % n,
                                        "suiteId": suite_ids[n % len(suite_ids)]}, token)["id"] for n in range(tasks)]
open(work + "/suite-ids", "w").write(",".join(map(str, suite_ids)))
open(work + "/task-ids", "w").write(",".join(map(str, task_ids)))
print(token)
PY
)
AUTH="Authorization: Bearer $TOKEN"
# Pacing: each connection waits CONNECTIONS/RATE s between requests (less the
# answer's own latency, which this ignores: the rate reached is a bit lower).
DELAY_MS=0
[[ $RATE -gt 0 ]] && DELAY_MS=$((CONNECTIONS * 1000 / RATE))
LUA_ARGS=("$(date +%s)" "$(cat "$WORK/suite-ids")" "$(cat "$WORK/task-ids")" "$DELAY_MS")

echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(uname -sr)"
echo "build: $BUILD ($(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2)), database: $DATABASE"

# Listeners first: they stay connected through the warm-up and the run.
listen_seconds=$((SECONDS_TOTAL + 20))
node "$HERE/listeners.cjs" --url "$BASE" --token "$TOKEN" --clients "$CLIENTS" --seconds "$listen_seconds" \
    >"$WORK/listeners.out" 2>"$WORK/listeners.err" &
LISTENERS_PID=$!
for _ in $(seq 1 600); do
    grep -q '^ready' "$WORK/listeners.out" 2>/dev/null && break
    kill -0 "$LISTENERS_PID" 2>/dev/null || { cat "$WORK/listeners.err" >&2; exit 1; }
    sleep 0.1
done
echo "listeners: $(grep '^ready' "$WORK/listeners.out")"

wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" -H 'Content-Type: application/json' \
    -s "$HERE/mixed.lua" "$BASE" -- "${LUA_ARGS[@]}" >/dev/null
echo "-- ${SECONDS_TOTAL}s of 90% reads / 10% writes, $CONNECTIONS connections (target ${RATE} req/s, 0 = unpaced), $CLIENTS Socket.IO clients listening"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --latency -H "$AUTH" -H 'Content-Type: application/json' \
    -s "$HERE/mixed.lua" "$BASE" -- "${LUA_ARGS[@]}" >"$WORK/wrk.out"
PEAK_RSS=$(awk '/^VmHWM/ {print $2}' "/proc/$HOST_PID/status")
RSS=$(awk '/^VmRSS/ {print $2}' "/proc/$HOST_PID/status")
THREADS_NOW=$(awk '/^Threads/ {print $2}' "/proc/$HOST_PID/status")
sleep 3 # stragglers reach the listeners
kill -TERM "$LISTENERS_PID" 2>/dev/null || true
wait "$LISTENERS_PID" 2>/dev/null || true
LISTENERS_PID=
RESULT=$(grep '^{' "$WORK/listeners.out" | tail -n 1)

cat "$WORK/wrk.out"
python3 - "$WORK/wrk.out" "$RESULT" "$PEAK_RSS" "$RSS" "$THREADS_NOW" "$SECONDS_TOTAL" "$DATABASE" "$RATE" <<'PY'
import json, re, sys
out, result, peak, rss, threads, seconds, database, rate = open(sys.argv[1]).read(), sys.argv[2], *sys.argv[3:]
rate = "unpaced" if rate == "0" else rate + "/s"
def find(pattern, default="0"):
    m = re.search(pattern, out, re.M)
    return m.group(1) if m else default
listeners = json.loads(result) if result else {}
requests = int(find(r"^\s*(\d+) requests in"))
non2xx = int(find(r"Non-2xx or 3xx responses: (\d+)"))
socket = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", find(r"Socket errors: (.*)$", "")))
sio_errors = listeners.get("failed", 1) + listeners.get("disconnects", 1) + \
             max(0, listeners.get("clients", 0) - listeners.get("connected", 0))
errors = non2xx + socket + sio_errors
print()
if listeners.get("reasons"):
    print("Socket.IO disconnects by reason:", json.dumps(listeners["reasons"]))
print("| database | target | duration | requests | req/s | p50 | p99 | errors | Socket.IO clients | events received | peak RSS | RSS at end | threads |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
rps = find(r"Requests/sec:\s+([\d.]+)")
p50 = find(r"^\s+50%\s+(\S+)")
p99 = find(r"^\s+99%\s+(\S+)")
print(f"| {database} | {rate} | {seconds} s | {requests} | {rps} | {p50} | "
      f"{p99} | {errors} (non-2xx {non2xx}, socket {socket}, Socket.IO {sio_errors}) | "
      f"{listeners.get('connected', 0)}/{listeners.get('clients', 0)} | {listeners.get('events', 0)} | "
      f"{int(peak) // 1024} MiB | {int(rss) // 1024} MiB | {threads} |")
sys.exit(1 if errors else 0)
PY
