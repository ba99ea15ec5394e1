#include "services/redis/RedisScheduleLock.h"

#include "services/redis/RedisConnection.h"

namespace motel::host {

namespace {

// KEYS: lock, tick. ARGV: token, tick ms, lease ms.
// Returns 1 acquired, 0 tick already claimed, -1 previous run still going.
const char* const kClaim = R"lua(
local last = tonumber(redis.call('GET', KEYS[2]) or '-1')
if last >= tonumber(ARGV[2]) then return 0 end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[3]) then return -1 end
redis.call('SET', KEYS[2], ARGV[2])
return 1
)lua";

// KEYS: lock. ARGV: token, lease ms.
const char* const kRenew = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
)lua";

// KEYS: lock. ARGV: token.
const char* const kRelease = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

} // namespace

RedisScheduleLock::RedisScheduleLock(std::string prefix)
    : prefix_(std::move(prefix)), claim_(kClaim), renew_(kRenew), release_(kRelease) {}

RedisScheduleLock::Claim RedisScheduleLock::claim(RedisConnection& redis, const std::string& name, std::int64_t tickMs,
                                                  const std::string& token, std::chrono::milliseconds lease) const {
    const auto result =
        claim_
            .run(redis, {lockKey(name), tickKey(name)}, {token, std::to_string(tickMs), std::to_string(lease.count())})
            .integer();
    return result == 1 ? Claim::acquired : result == 0 ? Claim::alreadyClaimed : Claim::stillRunning;
}

bool RedisScheduleLock::renew(RedisConnection& redis, const std::string& name, const std::string& token,
                              std::chrono::milliseconds lease) const {
    return renew_.run(redis, {lockKey(name)}, {token, std::to_string(lease.count())}).integer() == 1;
}

void RedisScheduleLock::release(RedisConnection& redis, const std::string& name, const std::string& token) const {
    release_.run(redis, {lockKey(name)}, {token});
}

} // namespace motel::host
