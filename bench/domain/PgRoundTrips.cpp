// What one statement of the suites list costs over libpq, three ways, on one
// connection (wall clock per statement, client and server together):
//
//   poco      the way Poco's PostgreSQL connector runs every statement (and
//             the host's database layer did until issue 4): PQprepare,
//             PQdescribePrepared, PQexecPrepared, then DEALLOCATE: 4 round
//             trips, and the server parses and plans the statement each time;
//   params    PQexecParams: unnamed statement, 1 round trip;
//   prepared  prepared once on the connection, then PQexecPrepared: 1 round
//             trip, no parse or plan (what PostgresConnection does now).
//
// Uses a temporary copy of the suites table (60 rows), so any database works:
//
//   g++ -std=c++17 -O2 -I/usr/include/postgresql bench/domain/PgRoundTrips.cpp -lpq -o pg-round-trips
//   ./pg-round-trips postgresql://USER:PASSWORD@127.0.0.1:PORT/DB [STATEMENTS=5000]
//
// bench/domain/run.sh runs it against its throwaway server with ROUND_TRIPS=1.
#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;

void check(PGconn* connection, PGresult* result) {
    const ExecStatusType status = PQresultStatus(result);
    PQclear(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) throw std::runtime_error(PQerrorMessage(connection));
}

template <class Run> double microsecondsEach(int statements, Run run) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < statements; ++i) run(i);
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / statements;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s POSTGRESQL_URL [STATEMENTS]\n", argv[0]);
        return 2;
    }
    const int statements = argc > 2 ? std::atoi(argv[2]) : 5000;
    Connection owner(PQconnectdb(argv[1]), &PQfinish);
    PGconn* connection = owner.get();
    try {
        if (PQstatus(connection) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(connection));
        check(connection,
              PQexec(connection, "CREATE TEMP TABLE suites (id BIGINT PRIMARY KEY, number TEXT NOT NULL, name TEXT, "
                                 "floor BIGINT NOT NULL, type TEXT NOT NULL, occupancy TEXT NOT NULL, condition TEXT "
                                 "NOT NULL, service_state TEXT NOT NULL, notes TEXT, version BIGINT NOT NULL, "
                                 "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"));
        check(connection, PQexec(connection, "INSERT INTO suites SELECT n, n::text, NULL, n / 10, 'standard', "
                                             "'vacant', 'clean', 'in_service', NULL, 1, '2026-11-28T22:59:51.965Z', "
                                             "'2026-11-28T22:59:51.965Z' FROM generate_series(1, 60) AS n"));
        check(connection, PQexec(connection, "ANALYZE suites"));

        // The statement SuiteListQuery builds for GET /api/suites?limit=50.
        const char* sql = "SELECT id, number, name, floor, type, occupancy, condition, service_state, notes, version, "
                          "created_at, updated_at, (SELECT COUNT(*) FROM suites) AS total_count FROM suites "
                          "ORDER BY id ASC LIMIT $1 OFFSET $2";
        const char* params[2] = {"50", "0"};
        for (int round = 1; round <= 2; ++round) {
            const double poco = microsecondsEach(statements, [&](int i) {
                const std::string name = "s" + std::to_string(i);
                check(connection, PQprepare(connection, name.c_str(), sql, 0, nullptr));
                check(connection, PQdescribePrepared(connection, name.c_str()));
                check(connection, PQexecPrepared(connection, name.c_str(), 2, params, nullptr, nullptr, 0));
                check(connection, PQexec(connection, ("DEALLOCATE " + name).c_str()));
            });
            const double direct = microsecondsEach(statements, [&](int) {
                check(connection, PQexecParams(connection, sql, 2, nullptr, params, nullptr, nullptr, 0));
            });
            check(connection, PQprepare(connection, "cached", sql, 0, nullptr));
            const double prepared = microsecondsEach(statements, [&](int) {
                check(connection, PQexecPrepared(connection, "cached", 2, params, nullptr, nullptr, 0));
            });
            check(connection, PQexec(connection, "DEALLOCATE cached"));
            std::printf("round %d, per statement: poco (4 round trips) %.0f us | params (1) %.0f us | "
                        "prepared once (1) %.0f us\n",
                        round, poco, direct, prepared);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "pg-round-trips: %s\n", error.what());
        return 1;
    }
    return 0;
}
