#include "services/redis/RedisConnection.h"

#include "services/redis/RedisError.h"

#include <hiredis/hiredis.h>

#include <Poco/Logger.h>

namespace motel::host {

RedisConnection::RedisConnection(RedisUrl url, Poco::Logger& logger, Options options, std::string name)
    : _url(std::move(url)), _logger(logger), _options(options), _name(std::move(name)),
      _backoff(options.reconnectBase, options.reconnectCap) {}

RedisConnection::~RedisConnection() = default;

RedisReply RedisConnection::command(const std::vector<std::string>& args) {
    return withFreshRetry([&] { return send(args); });
}

RedisReply RedisConnection::blockingCommand(const std::vector<std::string>& args, std::chrono::milliseconds blockFor) {
    return withFreshRetry([&] {
        setTimeout(blockFor + _options.commandTimeout);
        auto reply = send(args);
        setTimeout(_options.commandTimeout);
        return reply;
    });
}

template <class Send> RedisReply RedisConnection::withFreshRetry(Send&& sendOnce) {
    const bool reused = _link != nullptr;
    ensureConnected();
    try {
        return sendOnce();
    } catch (const StaleConnection&) {
        // The server closed a connection we had kept (Redis restarted, a
        // proxy or firewall dropped it while idle): the command never reached
        // a live server, so one attempt on a new connection is safe and
        // spares the caller a failure it could do nothing about.
        if (!reused) throw fail(_lastError);
        connect();
        try {
            return sendOnce();
        } catch (const StaleConnection&) {
            throw fail(_lastError);
        }
    }
}

void RedisConnection::ensureConnected() {
    if (_link) return;
    if (Clock::now() < _retryAt)
        throw RedisUnavailable("Redis (" + _name + ") is unreachable; next attempt after the backoff");
    connect();
}

void RedisConnection::connect() {
    try {
        _link = std::make_unique<sdk::RedisLink>(_url,
                                                 sdk::RedisLink::Timeouts{_options.connectTimeout, _options.commandTimeout});
    } catch (const sdk::RedisLinkError& error) {
        // Refused (wrong credentials or database): keep retrying too (an
        // operator may fix the server's ACL); the message says why and
        // never holds the password.
        throw fail(error.what());
    }
    if (_failures > 0) _logger.information("Redis (%s) at %s is reachable again", _name, _url.describe());
    _failures = 0;
}

RedisReply RedisConnection::send(const std::vector<std::string>& args) {
    sdk::RedisLink::Reply reply;
    try {
        reply = _link->send(args);
    } catch (const sdk::RedisLinkError& error) {
        _link.reset();
        if (error.kind() == sdk::RedisLinkError::Kind::closed) {
            _lastError = error.what();
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
    _link.reset();
    ++_failures;
    const auto wait = _backoff.delayAfter(_failures);
    _retryAt = Clock::now() + wait;
    const std::string message = "Redis (" + _name + ") at " + _url.describe() + ": " + what;
    if (_failures == 1)
        _logger.warning("%s; reconnecting with backoff (%s ms, up to %s ms)", message, std::to_string(wait.count()),
                        std::to_string(_options.reconnectCap.count()));
    else
        _logger.debug("%s; next attempt in %s ms", message, std::to_string(wait.count()));
    return RedisUnavailable(message);
}

void RedisConnection::setTimeout(std::chrono::milliseconds timeout) {
    if (_link) _link->setCommandTimeout(timeout);
}

} // namespace motel::host
