#include "db/ConnectionFactory.h"

#include "db/PostgresConnection.h"
#include "db/SqliteConnection.h"

namespace motel::host {

std::unique_ptr<SqlConnection> openSqlConnection(const DatabaseUrl& url, const ConnectionSettings& settings,
                                                 Poco::Logger& logger) {
    if (url.dialect() == sdk::Dialect::postgresql)
        return std::make_unique<PostgresConnection>(settings.connectionString, logger, settings.statementCacheSize);
    SqliteConnection::Options sqlite;
    sqlite.path = settings.connectionString;
    sqlite.busyTimeoutMs = static_cast<int>(settings.sqliteBusyTimeout.count());
    sqlite.writers = settings.writers;
    sqlite.statementCacheSize = settings.statementCacheSize;
    return std::make_unique<SqliteConnection>(sqlite);
}

} // namespace motel::host
