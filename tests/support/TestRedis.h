#pragma once
// The throwaway Redis server of the test suites (CTest fixture `redis`,
// scripts/test-services/redis). MOTEL_TEST_REDIS_URL points the tests at
// another server instead.

#include <string>

namespace motel::test {

/// redis://127.0.0.1:PORT of the fixture server. Throws std::runtime_error
/// saying how to start it when it is not running.
std::string testRedisUrl();

} // namespace motel::test
