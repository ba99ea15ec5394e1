#pragma once
// Opens one physical connection for SqlDatabase's pool. A seam of its own so
// a SQLite-only build of the database layer (the SDK's test kit,
// Motel::sdk_testing) links without libpq: the host's definition
// (ConnectionFactory.cpp) opens PostgreSQL and SQLite, the test kit's
// SQLite alone.

#include "db/DatabaseUrl.h"
#include "db/SqlConnection.h"

#include <Poco/Logger.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace motel::host {

class SqliteWriteGate;

struct ConnectionSettings {
    std::string connectionString; ///< DatabaseUrl::connectionString()
    std::chrono::milliseconds sqliteBusyTimeout{5000};
    std::size_t statementCacheSize = 256;
    std::shared_ptr<SqliteWriteGate> writers; ///< SQLite: the process-wide writer queue
};

std::unique_ptr<SqlConnection> openSqlConnection(const DatabaseUrl& url, const ConnectionSettings& settings,
                                                 Poco::Logger& logger);

/// The SQLite half of openSqlConnection, shared by both definitions of it
/// (defined beside SqliteConnection).
std::unique_ptr<SqlConnection> openSqliteConnection(const ConnectionSettings& settings);

} // namespace motel::host
