#include "RedisPing.h"

#include <hiredis/hiredis.h>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::health {

namespace {

using Clock = std::chrono::steady_clock;

struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
};
struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextFree>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

struct timeval toTimeval(std::chrono::milliseconds timeout) {
    struct timeval tv;
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

/// Sends one command (arguments passed binary-safe); throws with Redis's
/// answer when it is an error or not `expected`.
void command(redisContext* context, const std::vector<std::string>& args, const char* expected) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(args.size()), argv.data(), lengths.data())));
    if (!reply) throw std::runtime_error(context->errstr[0] ? context->errstr : "no reply");
    if (reply->type == REDIS_REPLY_ERROR)
        throw std::runtime_error(args[0] + " failed: " + std::string(reply->str, reply->len));
    const bool ok = (reply->type == REDIS_REPLY_STATUS || reply->type == REDIS_REPLY_STRING) &&
                    std::string(reply->str, reply->len) == expected;
    if (!ok) throw std::runtime_error(args[0] + " got an unexpected reply");
}

} // namespace

RedisPing::RedisPing(sdk::RedisUrl address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

sdk::HealthResult RedisPing::operator()() const {
    const auto start = Clock::now();
    sdk::HealthResult result;
    try {
        const struct timeval tv = toTimeval(timeout_);
        ContextPtr context(address_.unixSocket.empty()
                               ? redisConnectWithTimeout(address_.host.c_str(), address_.port, tv)
                               : redisConnectUnixWithTimeout(address_.unixSocket.c_str(), tv));
        if (!context) throw std::runtime_error("out of memory");
        if (context->err) throw std::runtime_error(context->errstr);
        if (redisSetTimeout(context.get(), tv) != REDIS_OK)
            throw std::runtime_error("could not set the command timeout");
        if (!address_.password.empty()) {
            if (address_.username.empty())
                command(context.get(), {"AUTH", address_.password}, "OK");
            else
                command(context.get(), {"AUTH", address_.username, address_.password}, "OK");
        }
        if (address_.database != 0) command(context.get(), {"SELECT", std::to_string(address_.database)}, "OK");
        command(context.get(), {"PING"}, "PONG");
        result.up = true;
    } catch (const std::exception& error) {
        result.up = false;
        result.level = sdk::HealthLevel::critical;
        result.details = new Poco::JSON::Object;
        result.details->set("error", std::string(error.what()));
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    result.responseTimeMs = std::round(ms * 100) / 100;
    return result;
}

} // namespace motel::health
