// The test kit's definition of openSqlConnection (db/ConnectionFactory.h):
// SQLite only, so a plugin's unit tests link without libpq.
#include "db/ConnectionFactory.h"

#include "db/DatabaseErrors.h"

namespace motel::host {

std::unique_ptr<SqlConnection> openSqlConnection(const DatabaseUrl& url, const ConnectionSettings& settings,
                                                 Poco::Logger&) {
    if (url.dialect() != sdk::Dialect::sqlite)
        throw DatabaseUnavailable("the test kit (Motel::sdk_testing) runs on SQLite only");
    return openSqliteConnection(settings);
}

} // namespace motel::host
