#include <motel/sdk/RedisLink.h>

#include <hiredis/hiredis.h>

#include <sys/time.h>

namespace motel::sdk {

namespace {

struct timeval toTimeval(std::chrono::milliseconds timeout) {
    struct timeval tv;
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

/// EOF, reset or broken pipe: the server is gone from this socket. A
/// timeout (EAGAIN) is not: the command may still be running there.
bool closedByPeer(const redisContext& context) {
    if (context.err == REDIS_ERR_EOF) return true;
    if (context.err != REDIS_ERR_IO) return false;
    const std::string text = context.errstr;
    return text.find("reset by peer") != std::string::npos || text.find("Broken pipe") != std::string::npos;
}

} // namespace

void RedisLink::ReplyFree::operator()(redisReply* reply) const {
    freeReplyObject(reply);
}

void RedisLink::ContextFree::operator()(redisContext* context) const {
    redisFree(context);
}

RedisLink::RedisLink(const RedisUrl& url, Timeouts timeouts) : timeouts_(timeouts) {
    const auto connectTimeout = toTimeval(timeouts.connect);
    context_.reset(url.unixSocket.empty() ? redisConnectWithTimeout(url.host.c_str(), url.port, connectTimeout)
                                          : redisConnectUnixWithTimeout(url.unixSocket.c_str(), connectTimeout));
    if (!context_) throw RedisLinkError(RedisLinkError::Kind::unreachable, "cannot allocate a hiredis context");
    if (context_->err) throw RedisLinkError(RedisLinkError::Kind::unreachable, context_->errstr);
    setCommandTimeout(timeouts.command);
    if (url.unixSocket.empty()) redisEnableKeepAlive(context_.get());
    try {
        if (!url.password.empty()) {
            if (url.username.empty())
                text({"AUTH", url.password});
            else
                text({"AUTH", url.username, url.password});
        }
        if (url.database != 0) text({"SELECT", std::to_string(url.database)});
    } catch (const RedisLinkError&) {
        throw;
    } catch (const std::runtime_error& refused) {
        // Redis's message names no password ("WRONGPASS invalid username-password pair").
        throw RedisLinkError(RedisLinkError::Kind::refused, std::string("refused the connection: ") + refused.what());
    }
}

RedisLink::~RedisLink() = default;

RedisLink::Reply RedisLink::send(const std::vector<std::string>& args) {
    if (!context_) throw RedisLinkError(RedisLinkError::Kind::unreachable, "the connection failed earlier");
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    Reply reply(static_cast<redisReply*>(
        redisCommandArgv(context_.get(), static_cast<int>(args.size()), argv.data(), lengths.data())));
    if (reply) return reply;
    const std::string error = context_->errstr[0] ? context_->errstr : "connection lost";
    const auto kind = closedByPeer(*context_) ? RedisLinkError::Kind::closed : RedisLinkError::Kind::unreachable;
    context_.reset();
    throw RedisLinkError(kind, error);
}

std::string RedisLink::text(const std::vector<std::string>& args) {
    const auto reply = send(args);
    const std::string content = reply->str ? std::string(reply->str, reply->len) : std::string();
    if (reply->type == REDIS_REPLY_ERROR) throw std::runtime_error(args.at(0) + " failed: " + content);
    if (reply->type != REDIS_REPLY_STATUS && reply->type != REDIS_REPLY_STRING)
        throw std::runtime_error(args.at(0) + " got an unexpected reply");
    return content;
}

void RedisLink::setCommandTimeout(std::chrono::milliseconds timeout) {
    if (context_) redisSetTimeout(context_.get(), toTimeval(timeout));
}

} // namespace motel::sdk
