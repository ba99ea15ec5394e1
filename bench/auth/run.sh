#!/usr/bin/env bash
# What authentication costs: the auth plugin's classes without HTTP
# (motel_auth_bench: token issue/verify, authenticate = verify + the user's
# primary-key lookup, argon2id, login), then a real motel-host
# (plugins health,auth, SQLite) under wrk:
#
#   /health/live               public, no token work (the floor)
#   /api/auth/me, no token     401 from the host before any token work
#   /api/nothing, valid token  authenticated, then 404: the authentication cost
#   /api/auth/me, valid token  authenticated, plus the handler's own user read
#   POST /api/auth/login       argon2id-bound
#
#   cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
#   bench/auth/run.sh [BUILD_DIR]             # default build-release
#
# Environment: DURATION (10s), CONNECTIONS (16), THREADS (2),
# VERIFICATIONS (200000; 0 skips motel_auth_bench), LOGIN_SECONDS (5; 0 skips
# the login runs), LOG_LEVEL (warning). Each wrk run also prints the host's
# CPU per request (utime+stime from /proc/PID/stat over the run / requests). Needs wrk, curl, python3. The
# host listens on a 127.0.0.1 port chosen at run time and is stopped (by its
# pid) on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bench/lib/common.sh"
BUILD=${1:-$ROOT/build-release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
VERIFICATIONS=${VERIFICATIONS:-200000}
LOGIN_SECONDS=${LOGIN_SECONDS:-5}
command -v wrk >/dev/null || { echo "wrk missing"; exit 1; }

cmake --build "$BUILD" --target motel_auth_bench motel-host auth health -j2 >/dev/null

if [[ $VERIFICATIONS != 0 ]]; then
    echo "== motel_auth_bench: the classes, no HTTP (SQLite file)"
    "$BUILD/bin/motel_auth_bench" "" "$VERIFICATIONS" "$LOGIN_SECONDS" 2
fi

WORK=$(mktemp -d /tmp/motel-auth-bench.XXXXXX)
HOST_PID=
cleanup() {
    if [[ -n $HOST_PID ]]; then kill -TERM "$HOST_PID" 2>/dev/null || true; wait "$HOST_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(bench_free_port)
BASE=http://127.0.0.1:$PORT
cat >"$WORK/motel.properties" <<CONF
motel.env = development
http.host = 127.0.0.1
http.port = $PORT
plugins.dir = $BUILD/lib/motel/plugins
plugins.load = health,auth
db.url = sqlite:$WORK/motel.db
jwt.secret = auth-bench-secret-auth-bench-secret-auth-bench-secret-auth-bench-0001
log.level = ${LOG_LEVEL:-warning}
plugins.auth.loginMaxAttempts = 1000000
CONF
MOTEL_ADMIN_EMAIL=bench@motel.test MOTEL_ADMIN_PASSWORD=bench-password \
    "$BUILD/bin/motel-host" --config="$WORK/motel.properties" serve >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 100); do curl -fs -o /dev/null "$BASE/health/live" && break; sleep 0.1; done

LOGIN='{"email":"bench@motel.test","password":"bench-password"}'
TOKEN=$(curl -fs -X POST -H 'Content-Type: application/json' -d "$LOGIN" "$BASE/api/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')

host_ticks() { awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$HOST_PID/stat"; }
run() { # title, wrk arguments...
    local title=$1 before out
    shift
    echo "== $title"
    before=$(host_ticks)
    out=$(wrk -t"$THREADS" -d"$DURATION" --latency "$@")
    grep -E 'Requests/sec|^ +Latency|^ +50%|^ +99%|Non-2xx' <<<"$out"
    awk -v ticks=$(($(host_ticks) - before)) -v hz="$(getconf CLK_TCK)" \
        '/requests in/ {printf "  host CPU per request: %.1f us\n", ticks * 1e6 / hz / $1}' <<<"$out"
}
run "GET /health/live (public)" -c"$CONNECTIONS" "$BASE/health/live"
run "GET /api/auth/me without a token (401)" -c"$CONNECTIONS" "$BASE/api/auth/me"
run "GET /api/nothing with a valid token (authenticated, 404)" -c"$CONNECTIONS" \
    -H "Authorization: Bearer $TOKEN" "$BASE/api/nothing"
run "GET /api/auth/me with a valid token (200)" -c"$CONNECTIONS" -H "Authorization: Bearer $TOKEN" "$BASE/api/auth/me"

[[ $LOGIN_SECONDS = 0 ]] && exit 0
cat >"$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$LOGIN'
wrk.headers["Content-Type"] = "application/json"
LUA
run "POST /api/auth/login (argon2id)" -c4 -s "$WORK/login.lua" "$BASE/api/auth/login"
