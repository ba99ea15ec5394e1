#!/usr/bin/env bash
# Idle resident memory of motel-host with the six standard plugins
# (auth,suites,tasks,realtime,health,metrics), SQLite by default, after start
# and a few requests: total RSS, its anonymous part, threads, and the largest
# mappings by RSS (from /proc/PID/smaps).
#
#   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-rel --target motel-host auth suites tasks realtime health metrics -j2
#   bench/memory/idle-rss.sh [BUILD_DIR] [sqlite|postgresql]
#
# Environment: PLUGINS (the six), SETTLE (seconds after start, 3), TOP (15),
# EXTRA (more lines for motel.properties), DETAIL=1 (each mapping's resident
# pages split by permission: code r-x, read-only r--, written rw-, and its
# Private_Dirty), HOLD=1 (keep the host running until Enter, to inspect
# /proc/PID). The host listens on a free 127.0.0.1 port and is stopped by
# pid on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
BUILD=${1:-$ROOT/build-rel}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DATABASE=${2:-sqlite}
PLUGINS=${PLUGINS:-auth,suites,tasks,realtime,health,metrics}
SETTLE=${SETTLE:-3}
TOP=${TOP:-15}
HOST=$BUILD/bin/motel-host

WORK=$(mktemp -d /tmp/motel-rss-bench.XXXXXX)
HOST_PID=
cleanup() {
    [[ -n $HOST_PID ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
    [[ $DATABASE = sqlite ]] || bench_stop_postgres "$WORK/pg"
    rm -rf "$WORK"
}
trap cleanup EXIT

DB_URL=$(bench_database_url "$DATABASE" "$WORK" motel_rss)
PORT=$(bench_free_port)
cat >"$WORK/motel.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $PORT
plugins.dir = $BUILD/lib/motel/plugins
plugins.load = $PLUGINS
db.url = $DB_URL
db.migrate.onStart = true
jwt.secret = bench-secret-bench-secret-bench-secret-bench-secret-bench-secret-0123
${EXTRA:-}
CONF
${HOST_ENV:+env $HOST_ENV} "$HOST" --config="$WORK/motel.properties" serve >"$WORK/host.log" 2>&1 &
HOST_PID=$!
bench_wait_live "http://127.0.0.1:$PORT" "$HOST_PID" "$WORK/host.log"
for path in /health/live /health /api/nothing /metrics/prometheus; do curl -s -o /dev/null "http://127.0.0.1:$PORT$path" || true; done
sleep "$SETTLE"

awk '/^(VmRSS|RssAnon|RssFile|Threads)/ {print}' "/proc/$HOST_PID/status"
echo "largest mappings by RSS (KiB):"
awk '/^[0-9a-f]+-[0-9a-f]+ / {name = NF >= 6 ? $6 : "[anon]"} /^Rss:/ {rss[name] += $2}
     END {for (n in rss) printf "%8d %s\n", rss[n], n}' "/proc/$HOST_PID/smaps" | sort -rn | head -n "$TOP"
if [[ ${DETAIL:-0} = 1 ]]; then
    echo "per mapping (KiB): rss = r-x + r-- + rw-, dirty = Private_Dirty"
    awk '/^[0-9a-f]+-[0-9a-f]+ / {name = NF >= 6 ? $6 : "[anon]"; perm = substr($2, 1, 3)}
         /^Rss:/ {rss[name] += $2; byperm[name, perm] += $2}
         /^Private_Dirty:/ {dirty[name] += $2}
         END {for (n in rss) printf "%8d %6d %6d %6d %6d  %s\n", rss[n], byperm[n, "r-x"], byperm[n, "r--"],
                                     byperm[n, "rw-"], dirty[n], n}' "/proc/$HOST_PID/smaps" | sort -rn
fi
if [[ ${HOLD:-0} = 1 ]]; then
    echo "host pid $HOST_PID on port $PORT; Enter stops it"
    read -r _
fi
