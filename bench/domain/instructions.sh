#!/usr/bin/env bash
# Instructions per request, load-independent (issue 4): runs motel-host under
# callgrind, warms up, zeroes the counters, sends REQUESTS authenticated
# `GET /api/suites?limit=50` (or, with REQUEST=post, `POST /api/tasks` as
# post-task.lua sends it) one after another over one keep-alive connection,
# dumps, and prints the host's instructions per request (Ir). The audit
# writer's thread is included (it runs in the host).
# PostgreSQL's own work (the server process) is not included; on SQLite the
# database runs inside the host, so it is.
#
#   bench/domain/instructions.sh BUILD [sqlite|postgresql] [REQUESTS=500]
#   REQUEST=post bench/domain/instructions.sh BUILD postgresql
#
# Compare two builds (or PLUGINS_DIR) on a loaded machine where wrk figures
# wander: the counts do not depend on the load. Needs valgrind, curl, python3.
# Everything it starts is stopped by pid on exit; KEEP=1 keeps the temp dir
# (callgrind.out.* for callgrind_annotate).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
BUILD=${1:-$ROOT/build-release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DATABASE=${2:-sqlite}
REQUESTS=${3:-500}
PLUGINS_DIR=${PLUGINS_DIR:-$BUILD/lib/motel/plugins}
export MOTEL_ADMIN_EMAIL=${MOTEL_ADMIN_EMAIL:-bench@motel.test}
export MOTEL_ADMIN_PASSWORD=${MOTEL_ADMIN_PASSWORD:-bench-password}
for tool in valgrind callgrind_control curl python3; do
    command -v $tool >/dev/null || { echo "$tool missing" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/motel-domain-instructions.XXXXXX)
chmod 755 "$WORK"
HOST_PID=
PG_DIR=
cleanup() {
    if [[ -n $HOST_PID ]]; then
        kill -TERM "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    [[ -n $PG_DIR ]] && bench_stop_postgres "$PG_DIR"
    if [[ ${KEEP:-0} = 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

[[ $DATABASE == sqlite ]] || PG_DIR=$WORK/pg
DB_URL=$(bench_database_url "$DATABASE" "$WORK" motel_bench) || exit 2

PORT=$(bench_free_port)
BASE=http://127.0.0.1:$PORT
cat >"$WORK/host.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $PORT
plugins.dir = $PLUGINS_DIR
plugins.load = health,auth,suites,tasks
db.url = $DB_URL
jwt.secret = domain-bench-secret-domain-bench-secret-domain-bench-secret-0001
log.level = warning
plugins.auth.loginMaxAttempts = 1000000
CONF
"$BUILD/bin/motel-host" --config="$WORK/host.properties" seed >"$WORK/seed.log" 2>&1
valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out.%p" \
    "$BUILD/bin/motel-host" --config="$WORK/host.properties" serve >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 600); do
    curl -fs -o /dev/null "$BASE/health/live" && break
    kill -0 "$HOST_PID" 2>/dev/null || { tail -n 20 "$WORK/host.log" >&2; exit 1; }
    sleep 0.5
done

REQUEST=${REQUEST:-list}
python3 - "$BASE" "$REQUESTS" "$HOST_PID" "$REQUEST" <<'PY'
import http.client, json, os, subprocess, sys, time, urllib.parse
base, requests, pid, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
address = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
def call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = "Bearer " + token
    connection.request(method, path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    data = response.read()
    if response.status >= 300: raise SystemExit(f"{method} {path}: {response.status} {data[:200]}")
    return json.loads(data) if data else None
token = call("POST", "/api/auth/login", {"email": os.environ["MOTEL_ADMIN_EMAIL"],
                                         "password": os.environ["MOTEL_ADMIN_PASSWORD"]})["accessToken"]
have = call("GET", "/api/suites?limit=1", token=token)["total"]
for n in range(have, 60):
    call("POST", "/api/suites", {"number": "B%03d" % n, "floor": 9, "type": "standard"}, token)
suites = [s["id"] for s in call("GET", "/api/suites?limit=200", token=token)["data"]]
def one(n):
    if kind == "post":
        call("POST", "/api/tasks", {"type": "maintenance", "title": "Bench #%d" % n,
                                    "suiteId": suites[n % len(suites)], "priority": "normal"}, token)
    else:
        assert len(call("GET", "/api/suites?limit=50", token=token)["data"]) == 50
for n in range(50): one(n)   # warm: statements prepared, user cached
time.sleep(1)                # the audit writer has stored the warm-up's rows
subprocess.run(["callgrind_control", "--zero", pid], check=True, stdout=subprocess.DEVNULL)
for n in range(requests): one(1000 + n)
time.sleep(1)                # ... and the measured ones
subprocess.run(["callgrind_control", "--dump=measured", pid], check=True, stdout=subprocess.DEVNULL)
PY
sleep 1
total=0
for file in "$WORK"/callgrind.out.*; do
    grep -q '^desc: Trigger: .*measured' "$file" 2>/dev/null || continue
    ir=$(awk '/^summary:/ {print $2}' "$file")
    total=$((total + ir))
done
label="GET /api/suites?limit=50"
[[ $REQUEST = post ]] && label="POST /api/tasks"
echo "$DATABASE: $REQUESTS x $label: $total instructions in motel-host, $((total / REQUESTS)) per request"
