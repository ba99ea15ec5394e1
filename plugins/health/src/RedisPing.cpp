#include "RedisPing.h"

#include <motel/sdk/RedisLink.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace motel::health {

namespace {
using Clock = std::chrono::steady_clock;
} // namespace

RedisPing::RedisPing(sdk::RedisUrl address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

sdk::HealthResult RedisPing::operator()() const {
    const auto start = Clock::now();
    sdk::HealthResult result;
    try {
        sdk::RedisLink link(address_, sdk::RedisLink::Timeouts{timeout_, timeout_});
        if (link.text({"PING"}) != "PONG") throw std::runtime_error("PING got an unexpected reply");
        result.up = true;
    } catch (const std::exception& error) {
        result = sdk::HealthResult::down(error.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    result.responseTimeMs = std::round(ms * 100) / 100;
    return result;
}

} // namespace motel::health
