# shellcheck shell=bash
# Shell helpers the bench scripts share (source it: `. "$ROOT/bench/lib/common.sh"`).
# Everything runs on 127.0.0.1; servers started here are stopped by pid.

# A free TCP port on 127.0.0.1.
bench_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The newest PostgreSQL bin folder of Debian's packages (empty if none).
bench_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Starts a throwaway PostgreSQL (scripts/test-services/postgres: fsync off,
# as the test fixture runs it) in DIR, creates database NAME and prints its
# URL. Stop it with bench_stop_postgres DIR.
bench_start_postgres() { # dir, database name
    local root pgbin url
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    "$root/scripts/test-services/postgres" start "$1" >/dev/null
    url=$(cat "$1/postgres.url")
    pgbin=$(bench_pg_bin)
    PGPASSWORD=motel "${pgbin:+$pgbin/}psql" -q -v ON_ERROR_STOP=1 "$url/postgres" \
        -c "CREATE DATABASE $2" >/dev/null
    echo "$url/$2"
}

bench_stop_postgres() { # dir
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    "$root/scripts/test-services/postgres" stop "$1" >/dev/null 2>&1 || true
}

# Waits until BASE/health/live answers; fails with the end of LOG when the
# host (PID) exits first or does not answer within 20 s.
bench_wait_live() { # base url, pid, log file
    for _ in $(seq 1 200); do
        curl -fs -o /dev/null "$1/health/live" && return 0
        kill -0 "$2" 2>/dev/null || break
        sleep 0.1
    done
    echo "host did not start:" >&2
    tail -n 20 "$3" >&2
    return 1
}

# The db.url for DATABASE (sqlite or postgresql): a file in WORK, or a
# throwaway PostgreSQL in WORK/pg with database NAME (stop it with
# bench_stop_postgres WORK/pg). Fails for another DATABASE.
bench_database_url() { # database, work dir, database name
    case $1 in
    sqlite) echo "sqlite:$2/motel.db" ;;
    postgresql | postgres) bench_start_postgres "$2/pg" "$3" ;;
    *) echo "unknown database '$1' (sqlite or postgresql)" >&2; return 2 ;;
    esac
}

# CPU time (user + system, in clock ticks) used so far by each PID given and
# its children, living (/proc/<child>/stat) and reaped (cutime + cstime): for
# the host, all its threads; for PostgreSQL's postmaster, every backend.
# Robust against other processes on the machine, unlike req/s: divide the
# difference over a wrk run by its requests (ticks are 1/getconf CLK_TCK s).
bench_cpu_ticks() { # pid...
    local total=0 pid child
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat")))
        for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
            [[ -r /proc/$child/stat ]] || continue
            total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$child/stat" 2>/dev/null || echo 0)))
        done
    done
    echo "$total"
}
