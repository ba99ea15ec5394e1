#include "support/TestPostgres.h"

#include "db/DatabaseUrl.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Process.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace motel::test {

namespace {

const std::string kUrlFile = std::string(MOTEL_TEST_SERVICES_DIR) + "/postgres.url";

std::string notRunning(const std::string& why) {
    return "the test PostgreSQL server is not running (" + why +
           "). Run the suite through ctest (fixture 'postgres'), or start it with: "
           "scripts/test-services/postgres start " MOTEL_TEST_SERVICES_DIR;
}

} // namespace

std::string testPostgresBaseUrl() {
    if (Poco::Environment::has("MOTEL_TEST_POSTGRES_URL")) return Poco::Environment::get("MOTEL_TEST_POSTGRES_URL");
    std::ifstream in(kUrlFile);
    if (!in) throw std::runtime_error(notRunning(kUrlFile + " does not exist"));
    std::string url;
    std::getline(in, url);
    url = Poco::trim(url);
    if (url.empty()) throw std::runtime_error(notRunning(kUrlFile + " is empty"));
    return url;
}

std::string freshPostgresDatabase() {
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
    static std::atomic<int> counter{0};

    const std::string base = testPostgresBaseUrl();
    const auto admin = host::DatabaseUrl::parse(base + "/postgres");
    const std::string name = "motel_test_" + std::to_string(Poco::Process::id()) + "_" +
                             std::to_string(Poco::Timestamp().epochMicroseconds() % 1000000000) + "_" +
                             std::to_string(++counter);
    try {
        Poco::Data::Session session(admin.connector(), admin.connectionString(5));
        session << "CREATE DATABASE " + name, Poco::Data::Keywords::now;
    } catch (const Poco::Exception& error) {
        throw std::runtime_error(
            notRunning("cannot create a database on " + admin.redacted() + ": " + error.displayText()));
    }
    return admin.withDatabase(name).toString();
}

} // namespace motel::test
