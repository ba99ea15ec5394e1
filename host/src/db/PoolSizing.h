#pragma once

namespace motel::host {

/// The default of `db.pool.size`: twice the CPUs this process may run on,
/// between 2 and 32 (4 on a 2-core machine).
///
/// Why not a fixed 8: on a machine whose cores PostgreSQL shares with the
/// host, more connections than about twice the cores do not add throughput
/// but add a tail. Concurrent inserts into the same index pages then wait on
/// each other's buffer locks, and a backend preempted while holding one
/// stalls the others (a convoy): on 2 cores, 8 connections gave `POST
/// /api/tasks` a p99 of 60-100 ms where 4 gave 22-28 ms at 80 % of the
/// throughput (docs/benchmarks.md, "Issue 16: the POST tail").
int defaultDatabasePoolSize();

} // namespace motel::host
