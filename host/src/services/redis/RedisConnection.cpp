#include "services/redis/RedisConnection.h"

#include "services/redis/RedisError.h"

#include <hiredis/hiredis.h>

#include <Poco/Logger.h>

#include <sys/time.h>

namespace motel::host {

namespace {

struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

struct timeval toTimeval(std::chrono::milliseconds timeout) {
    struct timeval tv;
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

} // namespace

void RedisConnection::ContextFree::operator()(redisContext* context) const {
    redisFree(context);
}

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
    const bool reused = _context != nullptr;
    ensureConnected();
    try {
        return sendOnce();
    } catch (const StaleConnection&) {
        // The server closed a connection we had kept (Redis restarted, a
        // proxy or firewall dropped it while idle): the command never reached
        // a live server, so one attempt on a new connection is safe and
        // spares the caller a failure it could do nothing about.
        if (!reused) throw fail(_lastError);
        _context.reset();
        connect();
        try {
            return sendOnce();
        } catch (const StaleConnection&) {
            throw fail(_lastError);
        }
    }
}

void RedisConnection::ensureConnected() {
    if (_context) return;
    if (Clock::now() < _retryAt)
        throw RedisUnavailable("Redis (" + _name + ") is unreachable; next attempt after the backoff");
    connect();
}

void RedisConnection::connect() {
    const auto timeout = toTimeval(_options.connectTimeout);
    std::unique_ptr<redisContext, ContextFree> context(
        _url.unixSocket.empty() ? redisConnectWithTimeout(_url.host.c_str(), _url.port, timeout)
                                : redisConnectUnixWithTimeout(_url.unixSocket.c_str(), timeout));
    if (!context) throw fail("cannot allocate a hiredis context");
    if (context->err) throw fail(context->errstr);
    _context = std::move(context);
    setTimeout(_options.commandTimeout);
    if (_url.unixSocket.empty()) redisEnableKeepAlive(_context.get());
    try {
        if (!_url.password.empty()) {
            if (_url.username.empty())
                send({"AUTH", _url.password});
            else
                send({"AUTH", _url.username, _url.password});
        }
        if (_url.database != 0) send({"SELECT", std::to_string(_url.database)});
    } catch (const RedisCommandError& refused) {
        // Wrong credentials or database: keep retrying (an operator may fix
        // the server's ACL), but say why. Redis's message holds no password.
        throw fail(std::string("refused the connection: ") + refused.what());
    }
    if (_failures > 0) _logger.information("Redis (%s) at %s is reachable again", _name, _url.describe());
    _failures = 0;
}

RedisReply RedisConnection::send(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(_context.get(), static_cast<int>(args.size()), argv.data(), lengths.data())));
    if (!reply) {
        const std::string error = _context->errstr[0] ? _context->errstr : "connection lost";
        if (closedByPeer(*_context)) {
            _lastError = error;
            throw StaleConnection();
        }
        throw fail(error);
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

bool RedisConnection::closedByPeer(const redisContext& context) {
    // EOF, reset or broken pipe: the server is gone from this socket. A
    // timeout (EAGAIN) is not: the command may still be running there.
    if (context.err == REDIS_ERR_EOF) return true;
    if (context.err != REDIS_ERR_IO) return false;
    const std::string text = context.errstr;
    return text.find("reset by peer") != std::string::npos || text.find("Broken pipe") != std::string::npos;
}

bool RedisConnection::isTransientError(const std::string& message) {
    for (const char* code : {"LOADING", "BUSY ", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"})
        if (message.rfind(code, 0) == 0) return true;
    return false;
}

RedisUnavailable RedisConnection::fail(const std::string& what) {
    _context.reset();
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
    if (_context) redisSetTimeout(_context.get(), toTimeval(timeout));
}

} // namespace motel::host
