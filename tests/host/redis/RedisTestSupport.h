#pragma once
// Helpers shared by the Redis suites: the fixture server's URL on a given
// database, a key prefix no other test uses, and a raw connection to look
// at what the engines left in Redis.

#include "support/TestRedis.h"

#include "services/redis/RedisConnection.h"

#include <Poco/Logger.h>
#include <Poco/UUIDGenerator.h>

#include <memory>
#include <string>

namespace motel::test {

/// The fixture server, database `db`.
inline host::RedisUrl fixtureRedis(int db = 0) {
    return host::RedisUrl::parse(testRedisUrl()).withDatabase(db);
}

/// `motel:queue:<random>:`, so each test has queues of its own.
inline std::string uniqueQueuePrefix() {
    return "motel:queue:test-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 8) + ":";
}

/// A connection for assertions about Redis contents.
inline std::unique_ptr<host::RedisConnection> inspector(const host::RedisUrl& url) {
    return std::make_unique<host::RedisConnection>(url, Poco::Logger::get("test.redis.inspector"),
                                                   host::RedisConnection::Options(), "test inspector");
}

} // namespace motel::test
