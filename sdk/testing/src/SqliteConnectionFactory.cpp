// The test kit's definition of openSqlConnection (db/ConnectionFactory.h):
// SQLite only, so a plugin's unit tests link without libpq.
#include "db/ConnectionFactory.h"

#include "db/DatabaseErrors.h"
#include "db/SqliteConnection.h"

namespace motel::host {

std::unique_ptr<SqlConnection> openSqlConnection(const DatabaseUrl& url, const ConnectionSettings& settings,
                                                 Poco::Logger&) {
    if (url.dialect() != sdk::Dialect::sqlite)
        throw DatabaseUnavailable("the test kit (Motel::sdk_testing) runs on SQLite only");
    SqliteConnection::Options sqlite;
    sqlite.path = settings.connectionString;
    sqlite.busyTimeoutMs = static_cast<int>(settings.sqliteBusyTimeout.count());
    sqlite.writers = settings.writers;
    sqlite.statementCacheSize = settings.statementCacheSize;
    return std::make_unique<SqliteConnection>(sqlite);
}

} // namespace motel::host
