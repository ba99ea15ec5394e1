#include "db/ConnectionFactory.h"

#include "db/PostgresConnection.h"

namespace motel::host {

std::unique_ptr<SqlConnection> openSqlConnection(const DatabaseUrl& url, const ConnectionSettings& settings,
                                                 Poco::Logger& logger) {
    if (url.dialect() == sdk::Dialect::postgresql)
        return std::make_unique<PostgresConnection>(settings.connectionString, logger, settings.statementCacheSize);
    return openSqliteConnection(settings);
}

} // namespace motel::host
