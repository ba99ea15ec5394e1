#include "services/redis/RedisConnection.h"

#include "services/redis/RedisError.h"

#include <hiredis/hiredis.h>

#include <Poco/Logger.h>

namespace motel::host {

RedisConnection::RedisConnection(RedisUrl url, Poco::Logger& logger, Options options, std::string name)
    : url_(std::move(url)), logger_(logger), options_(options), name_(std::move(name)),
      backoff_(options.reconnectBase, options.reconnectCap) {}

RedisConnection::~RedisConnection() = default;

RedisReply RedisConnection::command(const std::vector<std::string>& args) {
    return withFreshRetry([&] { return send(args); });
}

RedisReply RedisConnection::blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor) {
    return withFreshRetry([&] {
        setTimeout(blockFor + options_.commandTimeout);
        auto reply = send(args);
        setTimeout(options_.commandTimeout);
        return reply;
    });
}

template <class Send> RedisReply RedisConnection::withFreshRetry(Send&& sendOnce) {
    const bool reused = link_ != nullptr;
    ensureConnected();
    try {
        return sendOnce();
    } catch (const StaleConnection&) {
        // The server closed a connection we had kept (Redis restarted, a
        // proxy or firewall dropped it while idle): the command never reached
        // a live server, so one attempt on a new connection is safe and
        // spares the caller a failure it could do nothing about.
        if (!reused) throw fail(lastError_);
        connect();
        try {
            return sendOnce();
        } catch (const StaleConnection&) {
            throw fail(lastError_);
        }
    }
}

void RedisConnection::ensureConnected() {
    if (link_) return;
    if (Clock::now() < retryAt_)
        throw RedisUnavailable("Redis (" + name_ + ") is unreachable; next attempt after the backoff");
    connect();
}

void RedisConnection::connect() {
    try {
        link_ = std::make_unique<sdk::RedisLink>(
            url_, sdk::RedisLink::Timeouts{options_.connectTimeout, options_.commandTimeout});
    } catch (const sdk::RedisLinkError& error) {
        // Refused (wrong credentials or database): keep retrying too (an
        // operator may fix the server's ACL); the message says why and
        // never holds the password.
        throw fail(error.what());
    }
    if (failures_ > 0) logger_.information("Redis (%s) at %s is reachable again", name_, url_.describe());
    failures_ = 0;
}

RedisReply RedisConnection::send(const std::vector<std::string>& args) {
    sdk::RedisLink::Reply reply;
    try {
        reply = link_->send(args);
    } catch (const sdk::RedisLinkError& error) {
        link_.reset();
        if (error.kind() == sdk::RedisLinkError::Kind::closed) {
            lastError_ = error.what();
            throw StaleConnection();
        }
        throw fail(error.what());
    }
    if (reply->type == REDIS_REPLY_ERROR) {
        std::string message(reply->str, reply->len);
        // A server still loading its AOF after a restart (or busy with a
        // script) answers with an error but will serve shortly: that is
        // "unavailable, retry", never "rejected" — dropping the write would
        // lose an acknowledged job.
        if (isTransientError(message)) throw fail(message);
        throw RedisCommandError(message);
    }
    return RedisReply::from(*reply);
}

bool RedisConnection::isTransientError(const std::string& message) {
    for (const char* code : {"LOADING", "BUSY ", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"})
        if (message.rfind(code, 0) == 0) return true;
    return false;
}

RedisUnavailable RedisConnection::fail(const std::string& what) {
    link_.reset();
    ++failures_;
    const auto wait = backoff_.delayAfter(failures_);
    retryAt_ = Clock::now() + wait;
    const std::string message = "Redis (" + name_ + ") at " + url_.describe() + ": " + what;
    if (failures_ == 1)
        logger_.warning("%s; reconnecting with backoff (%s ms, up to %s ms)", message, std::to_string(wait.count()),
                        std::to_string(options_.reconnectCap.count()));
    else
        logger_.debug("%s; next attempt in %s ms", message, std::to_string(wait.count()));
    return RedisUnavailable(message);
}

void RedisConnection::setTimeout(std::chrono::milliseconds timeout) {
    if (link_) link_->setCommandTimeout(timeout);
}

} // namespace motel::host
