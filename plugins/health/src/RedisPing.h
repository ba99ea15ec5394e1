#pragma once
/// The `redis` check of `/health` (registered only when `redis.url` is set):
/// opens an sdk::RedisLink (connect, AUTH, SELECT: the same code as the
/// host's own Redis connections) and sends PING, all bounded by one
/// connect/command timeout. Up with the measured
/// `responseTime` on PONG; otherwise down and critical (the host needs Redis
/// for real-time fan-out, jobs and the shared cache once it is configured).
///
/// A new connection per check keeps the check honest (it sees what a
/// restarting client would see) and has nothing to clean up.

#include <motel/sdk/Health.h>
#include <motel/sdk/RedisUrl.h>

#include <chrono>

namespace motel::health {

class RedisPing {
public:
    RedisPing(sdk::RedisUrl address, std::chrono::milliseconds timeout);

    sdk::HealthResult operator()() const;

private:
    sdk::RedisUrl address_;
    std::chrono::milliseconds timeout_;
};

} // namespace motel::health
