#include "support/TestRedis.h"

#include <Poco/Environment.h>
#include <Poco/String.h>

#include <fstream>
#include <stdexcept>

namespace motel::test {

std::string testRedisUrl() {
    if (Poco::Environment::has("MOTEL_TEST_REDIS_URL")) return Poco::Environment::get("MOTEL_TEST_REDIS_URL");
    const std::string file = std::string(MOTEL_TEST_SERVICES_DIR) + "/redis.url";
    std::ifstream in(file);
    std::string url;
    if (in) std::getline(in, url);
    url = Poco::trim(url);
    if (url.empty())
        throw std::runtime_error("the test Redis server is not running (" + file +
                                 " is missing or empty). Run the suite through ctest (fixture 'redis'), or start it "
                                 "with: scripts/test-services/redis start " MOTEL_TEST_SERVICES_DIR);
    return url;
}

} // namespace motel::test
