#include "application/StreamPublisher.h"

#include "socketio/StreamOffset.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace motel::realtime {

namespace {
const std::chrono::milliseconds kRedisTimeout(2000);
const std::chrono::milliseconds kFirstBackoff(100);
const std::chrono::milliseconds kMaxBackoff(2000);
/// A lost reply means the entry is among this host's newest: that many back is plenty.
const char* const kLookBack = "1000";
const std::uint64_t kTrimEvery = 100;
} // namespace

StreamPublisher::StreamPublisher(sdk::RedisUrl url, Options options, std::string origin, Poco::Logger& logger)
    : options_(std::move(options)), origin_(std::move(origin)), logger_(logger), link_(std::move(url), kRedisTimeout) {}

StreamPublisher::~StreamPublisher() {
    stop(std::chrono::milliseconds(0));
}

void StreamPublisher::bind(sdk::MetricsRegistry& metrics) {
    bufferedGauge_ =
        &metrics.gauge("motel_realtime_relay_buffered", "Realtime events waiting for Redis to reach the other hosts");
    droppedCounter_ = &metrics.counter("motel_realtime_relay_dropped_total",
                                       "Realtime events dropped because the relay buffer was full");
    retriesCounter_ = &metrics.counter("motel_realtime_relay_retries_total",
                                       "Realtime events whose append to Redis had to be retried");
}

void StreamPublisher::start() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void StreamPublisher::allow() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        allowed_ = true;
    }
    wake_.notify_all();
}

void StreamPublisher::stop(std::chrono::milliseconds flushFor) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!stopping_) flushDeadline_ = std::chrono::steady_clock::now() + flushFor;
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    releaseHoldsUpTo(UINT64_MAX);
    const std::size_t left = buffered();
    if (left > 0) logger_.warning("realtime relay: stopped with %z events not sent to Redis", left);
}

void StreamPublisher::publish(RelayMessage message, std::shared_ptr<sdk::AnswerHold> hold) {
    bool droppedOne = false;
    std::uint64_t droppedSoFar = 0;
    std::uint64_t droppedSequence = 0;
    bool waitsForRedis = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        message.origin = origin_;
        message.sequence = nextSequence_++;
        if (outbox_.size() >= options_.maxBuffered) {
            droppedSequence = outbox_.front().sequence;
            outbox_.pop_front();
            droppedOne = true;
            droppedSoFar = ++dropped_;
        }
        if (fallback_ && localDelivery_) ledger_.deliverLocally(message, localDelivery_);
        // Redis away: the event reached this host's sockets now, and the
        // answer is not kept waiting for Redis to come back.
        // Stopping: nothing would release it before the bound.
        waitsForRedis = hold && !fallback_ && !stopping_;
        if (waitsForRedis) holds_.emplace_back(message.sequence, hold);
        outbox_.push_back(std::move(message));
    }
    if (hold && !waitsForRedis) hold->release();
    if (droppedOne) releaseHoldsUpTo(droppedSequence);
    wake_.notify_all();
    if (droppedOne) {
        if (droppedCounter_) droppedCounter_->increment();
        if (droppedSoFar == 1 || droppedSoFar % 1000 == 0)
            logger_.error("realtime relay: buffer full (%z events) while Redis is away; dropped the oldest "
                          "(%Lu dropped so far): sockets miss those events and must refetch",
                          options_.maxBuffered, static_cast<unsigned long long>(droppedSoFar));
    }
    refreshGauge();
}

std::size_t StreamPublisher::buffered() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return outbox_.size() + (inFlight_ ? 1 : 0);
}

void StreamPublisher::releaseHoldsUpTo(std::uint64_t sequence) {
    std::vector<std::shared_ptr<sdk::AnswerHold>> done;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        while (!holds_.empty() && holds_.front().first <= sequence) {
            done.push_back(std::move(holds_.front().second));
            holds_.pop_front();
        }
    }
    for (const auto& hold : done) hold->release(); // outside the lock: an answer goes out from here
}

void StreamPublisher::refreshGauge() {
    if (bufferedGauge_) bufferedGauge_->set(static_cast<double>(buffered()));
}

bool StreamPublisher::waitUnlessStopping(std::chrono::milliseconds delay) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stopping_; });
    return !stopping_;
}

bool StreamPublisher::allowed() {
    std::lock_guard<std::mutex> lock(mutex_);
    return allowed_;
}

void StreamPublisher::run() {
    std::chrono::milliseconds backoff = kFirstBackoff;
    bool retriedAtOnce = false;
    while (true) {
        RelayMessage message;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || inFlight_ || !outbox_.empty(); });
            const bool nothingLeft = !inFlight_ && outbox_.empty();
            if (stopping_ && (nothingLeft || fallback_ || std::chrono::steady_clock::now() >= flushDeadline_)) return;
        }
        if (!allowed()) {
            // The reader has not found its start yet: wait for it, unless Redis is away.
            if (!link_.ensureConnected()) {
                enterFallback();
                waitUnlessStopping(backoff);
                backoff = std::min(backoff * 2, kMaxBackoff);
            } else {
                waitUnlessStopping(std::chrono::milliseconds(20));
            }
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!inFlight_) {
                inFlight_ = std::move(outbox_.front());
                outbox_.pop_front();
            }
            message = *inFlight_;
        }
        if (append(message)) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                inFlight_.reset();
            }
            ledger_.appended(message);
            releaseHoldsUpTo(message.sequence);
            refreshGauge();
            leaveFallback();
            backoff = kFirstBackoff;
            retriedAtOnce = false;
            continue;
        }
        if (retriesCounter_) retriesCounter_->increment();
        // One immediate retry on a fresh connection (Redis restarted, an idle
        // connection was cut) before calling it an outage and backing off.
        if (!retriedAtOnce && !link_.connected() && link_.ensureConnected()) {
            retriedAtOnce = true;
            continue;
        }
        enterFallback();
        waitUnlessStopping(backoff);
        backoff = std::min(backoff * 2, kMaxBackoff);
    }
}

bool StreamPublisher::append(const RelayMessage& message) {
    if (!link_.ensureConnected()) return false;
    if (uncertain_) {
        const auto found = alreadyAppended(message);
        if (!found) return false;
        uncertain_ = false;
        if (*found) return true;
    }
    std::vector<std::string> args{"XADD", options_.stream};
    if (!trimBefore_.empty()) args.insert(args.end(), {"MINID", "~", trimBefore_});
    args.push_back("*");
    for (auto& field : message.fields()) args.push_back(std::move(field));
    const auto reply = link_.command(args);
    if (!reply) {
        uncertain_ = true; // the connection broke: the entry may or may not be there
        return false;
    }
    if (reply->type != REDIS_REPLY_STRING) {
        logger_.error("realtime relay: Redis refused XADD to %s: %s", options_.stream, replyText(reply.get()));
        return false;
    }
    if (const auto id = StreamOffset::parse(replyText(reply.get()))) {
        const auto windowMs = static_cast<std::uint64_t>(options_.window.count());
        if (id->millis > windowMs) trimBefore_ = std::to_string(id->millis - windowMs);
    }
    if (++appendedSinceTrim_ >= kTrimEvery) {
        appendedSinceTrim_ = 0;
        link_.command({"XTRIM", options_.stream, "MAXLEN", "~", std::to_string(options_.maxLength)});
    }
    return true;
}

std::optional<bool> StreamPublisher::alreadyAppended(const RelayMessage& message) {
    const auto reply = link_.command({"XREVRANGE", options_.stream, "+", "-", "COUNT", kLookBack});
    if (!reply) return std::nullopt;
    for (const auto& entry : parseStreamEntries(reply.get())) {
        if (entry.message.origin == message.origin && entry.message.sequence == message.sequence) return true;
    }
    return false;
}

void StreamPublisher::enterFallback() {
    std::size_t waiting = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (fallback_) return;
        fallback_ = true;
        std::deque<RelayMessage> pending;
        if (inFlight_) pending.push_back(*inFlight_);
        pending.insert(pending.end(), outbox_.begin(), outbox_.end());
        if (localDelivery_) ledger_.deliverLocally(pending, localDelivery_);
        waiting = pending.size();
    }
    releaseHoldsUpTo(UINT64_MAX); // delivered here directly: answers need not wait for Redis
    logger_.warning("realtime relay: Redis unreachable at %s; this host's sockets get its events directly, the other "
                    "hosts once Redis is back (%z waiting, up to %z kept)",
                    link_.url().describe(), waiting, options_.maxBuffered);
}

void StreamPublisher::leaveFallback() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!fallback_) return;
        fallback_ = false;
    }
    logger_.information("realtime relay: Redis is back at %s; sending the buffered events (%z left)",
                        link_.url().describe(), buffered());
}

} // namespace motel::realtime
