#!/usr/bin/env bash
# HTTP front-end benchmark: nginx `return 200` against motel's HttpServer with
# a trivial handler (motel_http_bench; again with inline dispatch off, i.e.
# every request on the worker pool) and, when built, the real motel-host with
# plugins.load=health, measured side by side with wrk in the same run, then
# again while 300 slow clients hold half-sent requests.
#
#   cmake -S . -B build-http-rel -DCMAKE_BUILD_TYPE=Release
#   cmake --build build-http-rel --target motel_http_bench motel-host health -j2
#   bench/http/run.sh [BUILD_DIR]            # default build-http-rel
#
# Environment: ROUNDS (5), DURATION (5s), CONNECTIONS (64), THREADS (2),
# SLOW_CLIENTS (300, 0 skips that part), HOST_PLUGINS (health). Needs nginx, wrk, curl, python3. Everything listens on
# 127.0.0.1 ports chosen at run time and is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
BUILD=${1:-$ROOT/build-http-rel}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SLOW_CLIENTS=${SLOW_CLIENTS:-300}
HOST_PLUGINS=${HOST_PLUGINS:-health} # plugins.load of the real host
BENCH=$BUILD/bin/motel_http_bench
HOST=$BUILD/bin/motel-host
PLUGINS=$BUILD/lib/motel/plugins

[[ -x $BENCH ]] || { echo "missing $BENCH (build target motel_http_bench)"; exit 1; }
command -v nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx"; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing"; exit 1; }

WORK=$(mktemp -d /tmp/motel-http-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -f $WORK/nginx.pid ]] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { bench_free_port; }
wait_ready() { # url
    for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "not answering: $1"; exit 1
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
# utime+stime in clock ticks of the given processes (and their children).
cpu_ticks() {
    local total=0 pid
    for pid in "$@" $(for p in "$@"; do pgrep -P "$p"; done); do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$pid/stat")))
    done
    echo "$total"
}

# nginx: return 200 with the same body, its own config and pid file.
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { default_type application/json; return 200 '{"status":"ok"}'; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK/nginx"
wait_ready "http://127.0.0.1:$NGINX_PORT/health/live"
declare -A SERVER_PIDS=([nginx]="$(cat "$WORK/nginx.pid")") # the master; its workers are counted too

BENCH_PORT=$(free_port)
"$BENCH" --port "$BENCH_PORT" >"$WORK/bench.log" 2>&1 &
BENCH_PID=$!
PIDS+=("$BENCH_PID")
SERVER_PIDS[httpserver]=$BENCH_PID
wait_ready "http://127.0.0.1:$BENCH_PORT/health/live"

# The same server with every request on the worker pool (no inline dispatch).
POOL_PORT=$(free_port)
"$BENCH" --port "$POOL_PORT" --inline 0 >"$WORK/pool.log" 2>&1 &
PIDS+=("$!")
SERVER_PIDS[pool-only]=$!
wait_ready "http://127.0.0.1:$POOL_PORT/health/live"

declare -A URL=([nginx]="http://127.0.0.1:$NGINX_PORT/health/live" [httpserver]="http://127.0.0.1:$BENCH_PORT/health/live"
                [pool-only]="http://127.0.0.1:$POOL_PORT/health/live")
TARGETS=(nginx httpserver pool-only)
if [[ -x $HOST && -f $PLUGINS/health.so ]]; then
    HOST_PORT=$(free_port)
    cat >"$WORK/motel.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $HOST_PORT
plugins.dir = $PLUGINS
plugins.load = $HOST_PLUGINS
db.url = sqlite:$WORK/motel.db
db.migrate.onStart = true
CONF
    "$HOST" --config="$WORK/motel.properties" serve >"$WORK/host.log" 2>&1 &
    HOST_PID=$!
    PIDS+=("$HOST_PID")
    SERVER_PIDS[motel-host]=$HOST_PID
    wait_ready "http://127.0.0.1:$HOST_PORT/health/live"
    URL[motel-host]="http://127.0.0.1:$HOST_PORT/health/live"
    TARGETS+=(motel-host)
else
    echo "(no $HOST with $PLUGINS/health.so: measuring without the real host)"
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "idle RSS before load: httpserver $(rss_kib "$BENCH_PID") KiB${HOST_PID:+, motel-host $(rss_kib "$HOST_PID") KiB}"
for target in "${TARGETS[@]}"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d1s "${URL[$target]}" >/dev/null; done # warm up

# The server's own CPU per request (utime+stime from /proc over the wrk run,
# divided by the requests wrk completed): steadier than req/s on a machine
# shared with other work, since others' CPU time is not counted.
measure() { # target -> "rps p50 p99 cpu-us-per-request"
    local before after out requests
    before=$(cpu_ticks ${SERVER_PIDS[$1]})
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${URL[$1]}")
    after=$(cpu_ticks ${SERVER_PIDS[$1]})
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
         END {printf "%.0f %s %s %.1f", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0}' <<<"$out"
}

# Rounds alternate the targets; each round's ratio compares runs made seconds
# apart, which matters on a machine shared with other work.
declare -A SAMPLES RATIOS CPU
for round in $(seq 1 "$ROUNDS"); do
    nginx_rps=
    for target in "${TARGETS[@]}"; do
        read -r rps p50 p99 cpu <<<"$(measure "$target")"
        SAMPLES[$target]+="$rps "
        CPU[$target]+="$cpu "
        [[ $target = nginx ]] && nginx_rps=$rps
        ratio=$(echo "$rps / $nginx_rps" | bc -l)
        RATIOS[$target]+="$ratio "
        printf 'round %d  %-11s %8s req/s  p50 %-8s p99 %-8s %.2f of nginx  %5.1f us CPU/request\n' \
            "$round" "$target" "$rps" "$p50" "$p99" "$ratio" "$cpu"
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for target in "${TARGETS[@]}"; do
    printf 'median %-11s %8s req/s  median ratio %.2f of nginx  median %5.1f us CPU/request\n' "$target" \
        "$(echo "${SAMPLES[$target]}" | median)" "$(echo "${RATIOS[$target]}" | median)" "$(echo "${CPU[$target]}" | median)"
done
echo "RSS after load: httpserver $(rss_kib "$BENCH_PID") KiB${HOST_PID:+, motel-host $(rss_kib "$HOST_PID") KiB}"

# The same load while SLOW_CLIENTS connections hold half-sent requests.
for target in "${TARGETS[@]}"; do
    [[ $target = nginx || $target = pool-only || $SLOW_CLIENTS = 0 ]] && continue
    port=${URL[$target]#http://127.0.0.1:}; port=${port%%/*}
    python3 "$ROOT/bench/http/slowloris.py" "$port" "$SLOW_CLIENTS" 20 >"$WORK/slow-$target.log" 2>&1 &
    SLOW_PID=$!
    sleep 2
    single=$(curl -s -o /dev/null -w '%{time_total}' "${URL[$target]}")
    read -r rps p50 p99 _ <<<"$(measure "$target")"
    printf 'with %s slow clients: %-11s %8s req/s  p50 %-8s p99 %s  (one curl alone: %ss)\n' \
        "$SLOW_CLIENTS" "$target" "$rps" "$p50" "$p99" "$single"
    kill "$SLOW_PID" 2>/dev/null || true
    wait "$SLOW_PID" 2>/dev/null || true
    head -1 "$WORK/slow-$target.log"
done
