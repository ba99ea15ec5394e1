#!/usr/bin/env bash
# Queue throughput against the ceiling redis-benchmark measures on the same
# machine and the same throwaway server (AOF on, fsync every second, as the
# runbook's Redis).
#
#   bench/jobs/run.sh [BUILD_DIR] [JOBS] [WORKERS] [PRODUCERS]
#
# Builds motel_jobs_bench in BUILD_DIR (default build-release; configure it
# with -DCMAKE_BUILD_TYPE=Release), starts redis-server on a free 127.0.0.1
# port in a temp dir, runs redis-benchmark (PING, LPUSH, XADD; no
# pipelining, like our clients) and the bench, then stops the server by its
# pid. A job costs at least three round trips (XADD to enqueue, XREADGROUP
# to lease, EVALSHA to acknowledge), so a third of redis-benchmark's figure
# is the ceiling for jobs/s.
set -euo pipefail
. "$(dirname "$0")/../lib/common.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-release}
jobs=${2:-20000}
workers=${3:-8}
producers=${4:-4}

cmake --build "$build" --target motel_jobs_bench -j2 >/dev/null
dir=$(mktemp -d)
port=$(bench_free_port)
redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes --appendfsync everysec \
    --daemonize no --logfile "$dir/redis.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done

# redis-benchmark prints progress with carriage returns; keep the results.
bench() { redis-benchmark -h 127.0.0.1 -p "$port" -n 200000 -q "$@" | tr '\r' '\n' | grep 'per second'; }
echo "== redis-benchmark (ceiling), 50 clients"
bench -c 50 -t ping,lpush
echo "XADD (one enqueue):"
bench -c 50 XADD motel:bench:stream MAXLEN '~' 10000 '*' id x payload 1
echo "== redis-benchmark, 8 clients (as many connections as the bench's workers)"
bench -c 8 -t ping
echo "XADD (one enqueue):"
bench -c 8 XADD motel:bench:stream MAXLEN '~' 10000 '*' id x payload 1
echo "== motel_jobs_bench"
"$build/bin/motel_jobs_bench" "redis://127.0.0.1:$port" "$jobs" "$workers" "$producers"
