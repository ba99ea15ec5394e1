#include "RevocationSignal.h"

#include <hiredis/hiredis.h>

#include <memory>
#include <sys/socket.h>

namespace motel::auth {

namespace {

struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
};
using Context = std::unique_ptr<redisContext, ContextFree>;

struct ReplyFree {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

Context connectTo(const sdk::RedisUrl& endpoint) {
    const timeval timeout{2, 0};
    Context context(endpoint.unixSocket.empty() ? redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, timeout)
                                                : redisConnectUnixWithTimeout(endpoint.unixSocket.c_str(), timeout));
    if (!context || context->err) return nullptr;
    if (!endpoint.password.empty()) {
        Reply reply(static_cast<redisReply*>(
            endpoint.username.empty()
                ? redisCommand(context.get(), "AUTH %b", endpoint.password.data(), endpoint.password.size())
                : redisCommand(context.get(), "AUTH %b %b", endpoint.username.data(), endpoint.username.size(),
                               endpoint.password.data(), endpoint.password.size())));
        if (!reply || reply->type == REDIS_REPLY_ERROR) return nullptr;
    }
    return context;
}

} // namespace

RevocationSignal::RevocationSignal(sdk::RedisUrl endpoint, std::string channel, std::function<void()> onWake,
                                   Poco::Logger& logger)
    : endpoint_(std::move(endpoint)), channel_(std::move(channel)), onWake_(std::move(onWake)), logger_(logger) {}

RevocationSignal::~RevocationSignal() {
    stop();
}

void RevocationSignal::start() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = false;
    subscriber_ = std::thread([this] { runSubscriber(); });
    publisher_ = std::thread([this] { runPublisher(); });
}

void RevocationSignal::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        if (subscriberFd_ >= 0) ::shutdown(subscriberFd_, SHUT_RDWR);
    }
    wake_.notify_all();
    if (subscriber_.joinable()) subscriber_.join();
    if (publisher_.joinable()) publisher_.join();
}

void RevocationSignal::notify() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = true;
    }
    wake_.notify_all();
}

bool RevocationSignal::sleepUnlessStopping(std::chrono::milliseconds delay) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_; });
    return !stopping_;
}

void RevocationSignal::runSubscriber() {
    std::chrono::milliseconds backoff(200);
    bool warned = false;
    while (true) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
        }
        Context context = connectTo(endpoint_);
        Reply reply;
        if (context)
            reply.reset(static_cast<redisReply*>(
                redisCommand(context.get(), "SUBSCRIBE %b", channel_.data(), channel_.size())));
        if (!context || !reply || reply->type == REDIS_REPLY_ERROR) {
            if (!warned)
                logger_.warning("auth: Redis unreachable at %s; revocations reach other hosts at their next poll",
                                endpoint_.describe());
            warned = true;
            if (!sleepUnlessStopping(backoff)) return;
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stopping_) return;
            subscriberFd_ = context->fd;
        }
        if (warned) logger_.information("auth: subscribed to Redis channel %s again", channel_);
        warned = false;
        backoff = std::chrono::milliseconds(200);
        onWake_(); // anything published while we were away
        while (true) {
            void* raw = nullptr;
            if (redisGetReply(context.get(), &raw) != REDIS_OK) break;
            Reply message(static_cast<redisReply*>(raw));
            if (message && message->type == REDIS_REPLY_ARRAY && message->elements == 3) onWake_();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        subscriberFd_ = -1;
    }
}

void RevocationSignal::runPublisher() {
    Context context;
    while (true) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || pending_; });
            // A notice made just before stop() still goes out (`motel-host
            // user disable` stops right after its change).
            if (!pending_) return;
            pending_ = false;
        }
        for (int attempt = 0; attempt < 2; ++attempt) { // a stale connection gets one fresh retry
            if (!context) {
                context = connectTo(endpoint_);
                const timeval commandTimeout{2, 0};
                if (context) redisSetTimeout(context.get(), commandTimeout);
            }
            if (!context) break; // the others poll; nothing is lost
            Reply reply(static_cast<redisReply*>(
                redisCommand(context.get(), "PUBLISH %b %b", channel_.data(), channel_.size(), "1", size_t{1})));
            if (reply && !context->err) break;
            context.reset();
        }
    }
}

} // namespace motel::auth
